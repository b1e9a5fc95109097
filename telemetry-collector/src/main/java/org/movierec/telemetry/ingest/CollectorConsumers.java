package org.movierec.telemetry.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.movierec.platform.kafka.Lz4Codec;
import org.movierec.telemetry.TelemetryConfig;

/**
 * Builds the collector's Kafka consumer from {@code telemetry.kafka.*}: a group member that never commits to Kafka
 * for correctness (positions live in PostgreSQL; its offset commits are informative), reads only committed records,
 * and fetches in large batches. A bean of its own so that the consume loop's tests can replace the consumer it
 * gets (a consumer whose poll fails once), as they replace the batch writer.
 */
@ApplicationScoped
public class CollectorConsumers {

    @Inject
    TelemetryConfig config;

    /**
     * A new consumer; the caller subscribes, polls and closes it.
     *
     * @param member which of the collector's consumers (0 to {@code telemetry.kafka.consumers} - 1)
     */
    public KafkaConsumer<byte[], byte[]> create(int member) {
        Lz4Codec.preferNative();
        return new KafkaConsumer<>(properties(member));
    }

    /**
     * The settings of consumer {@code member}: the first keeps the configured client and instance ids, the others
     * get {@code -member} appended (static membership needs one instance id per member).
     */
    protected Properties properties(int member) {
        String suffix = member == 0 ? "" : "-" + member;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.kafka().groupId());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(config.kafka().maxPollRecords()));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(4 * 1024 * 1024));
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(32 * 1024 * 1024));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "telemetry-collector" + suffix);
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(config.kafka().sessionTimeout().toMillis()));
        config.kafka().instanceId().filter(id -> !id.isBlank())
                .ifPresent(id -> props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id + suffix));
        return props;
    }
}
