package org.movierec.platform.kafka;

import java.util.Map;

/**
 * The Kafka consumer settings of the platform's services, beside {@link ProducerSettings} and written the same way
 * (Kafka's own keys; pass {@link #toProperties()} to {@code new KafkaConsumer<>(...)}).
 *
 * <ul>
 *   <li>{@link #everyPartitionFromTheEnd}: a replica that reads every partition itself (the inference fold-in
 *       consumer: each replica needs all ratings), with no consumer group and no committed offsets, starting at
 *       the end — what came before is in the next trained model.</li>
 * </ul>
 * The telemetry collector's exactly-once consumer (transactions, a group, committed offsets) keeps its own settings:
 * they are the point of that class.
 */
public final class ConsumerSettings extends KafkaClientSettings {

    /** {@code org.apache.kafka.common.serialization.StringDeserializer}. */
    public static final String STRING_DESERIALIZER = "org.apache.kafka.common.serialization.StringDeserializer";

    private ConsumerSettings(Map<String, String> values) {
        super(values);
    }

    /**
     * String keys and values, no group, no offset commits, from the end of each partition.
     *
     * @param bootstrapServers the brokers (required)
     * @param clientId the consumer's {@code client.id}
     * @return the settings
     * @throws IllegalArgumentException if {@code bootstrapServers} is blank
     */
    public static ConsumerSettings everyPartitionFromTheEnd(String bootstrapServers, String clientId) {
        Map<String, String> v = common(bootstrapServers, clientId);
        v.put("key.deserializer", STRING_DESERIALIZER);
        v.put("value.deserializer", STRING_DESERIALIZER);
        v.put("enable.auto.commit", "false");
        v.put("auto.offset.reset", "latest");
        return new ConsumerSettings(v);
    }
}
