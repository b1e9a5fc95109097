package org.movierec.platform.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The settings of every {@link BoundedPublisher} a service opens through {@link KafkaPublishers}
 * ({@code movierec.kafka.publisher.*}; env {@code MOVIEREC_KAFKA_PUBLISHER_QUEUE_CAPACITY}).
 */
@ConfigMapping(prefix = "movierec.kafka.publisher")
public interface PublisherConfig {

    /**
     * Records waiting to be sent, per publisher; beyond it new ones are dropped (and counted). 10,000 served events
     * are about 10 MB and hold a few seconds of a replica's traffic while Kafka is slow.
     */
    @WithDefault("10000")
    int queueCapacity();
}
