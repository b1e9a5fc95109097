package org.movierec.inference.events;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.movierec.contracts.events.ServedEvent;
import org.movierec.inference.InferenceConfig;
import org.movierec.platform.kafka.BoundedPublisher;
import org.movierec.platform.kafka.KafkaPublishers;

/**
 * Publishes a {@link ServedEvent} per answered request to {@code recsys.served}, keyed by user, through the
 * platform's {@link BoundedPublisher} (never slows or fails a request; drops counted by reason in
 * {@code movierec_kafka_publisher_drops_total{publisher="served-event-publisher"}}, the same series as the
 * router's). Without Kafka configured (standalone mode) nothing is published.
 */
@ApplicationScoped
public class ServedEventPublisher {

    private static final Logger LOG = Logger.getLogger(ServedEventPublisher.class);

    /** The publisher's name: its meters' {@code publisher} tag, its loop and its liveness check. */
    public static final String NAME = "served-event-publisher";

    @Inject
    InferenceConfig config;

    @Inject
    KafkaPublishers publishers;

    private BoundedPublisher<ServedEvent> publisher;

    void start(@Observes StartupEvent event) {
        if (config.kafka().bootstrapServers().isEmpty()) {
            LOG.info("no Kafka configured: served events are not published");
            return;
        }
        publisher = publishers.open(NAME, "inference-served", config.kafka().bootstrapServers().get(),
                config.kafka().servedTopic(), served -> Long.toString(served.userId()), ServedEvent::toJson);
    }

    /** Whether events are published at all (Kafka configured). */
    public boolean enabled() {
        return publisher != null;
    }

    /** Offers the event for publishing; never blocks. */
    public void publish(ServedEvent event) {
        if (publisher != null) {
            publisher.publish(event);
        }
    }
}
