package org.movierec.platform.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka producer settings of the platform's services, defined once (Kafka's own configuration keys, so this
 * class needs no Kafka dependency; pass {@link #toProperties()} to {@code new KafkaProducer<>(...)}).
 *
 * <ul>
 *   <li>{@link #fireAndForget}: events published from a request path ({@code recsys.served} from inference and
 *       the router). Leader acknowledgement only, a short block when the broker is away (the caller's bounded
 *       queue absorbs it and counts drops); serving never waits for Kafka.</li>
 *   <li>{@link #durable}: records that must not be lost or doubled (dead letters, the simulator's
 *       {@code movielog} lines): all in-sync replicas, idempotent, long delivery timeout.</li>
 * </ul>
 * Both compress with lz4 and batch: {@link #durable} briefly (linger 5 ms), {@link #fireAndForget} longer.
 */
public final class ProducerSettings extends KafkaClientSettings {

    /** {@code org.apache.kafka.common.serialization.StringSerializer}. */
    public static final String STRING_SERIALIZER = "org.apache.kafka.common.serialization.StringSerializer";
    /** {@code org.apache.kafka.common.serialization.ByteArraySerializer}. */
    public static final String BYTES_SERIALIZER = "org.apache.kafka.common.serialization.ByteArraySerializer";

    private ProducerSettings(Map<String, String> values) {
        super(values);
    }

    /**
     * Leader acks, 2 s max block, 30 s delivery timeout; string keys and values; batches of up to 64 KiB gathered for
     * up to 20 ms. These records only feed telemetry, so a few more milliseconds before Kafka cost nothing, while
     * every batch costs the producer a fixed amount: lz4 allocates a 64 KiB block and its compressed buffer for each
     * batch (one per partition each linger), which at linger 5 ms and a few thousand events a second was as much
     * allocation as the events themselves (docs/BENCHMARKS.md, "The served event's publish").
     */
    public static ProducerSettings fireAndForget(String bootstrapServers, String clientId) {
        Map<String, String> v = batched(bootstrapServers, clientId, STRING_SERIALIZER);
        v.put("linger.ms", "20");
        v.put("batch.size", "65536");
        v.put("acks", "1");
        v.put("max.block.ms", "2000");
        v.put("request.timeout.ms", "10000");
        v.put("delivery.timeout.ms", "30000");
        return new ProducerSettings(v);
    }

    /** All in-sync replicas, idempotent, 10 s max block, 2 min delivery timeout; keys and values by {@code serializer}. */
    public static ProducerSettings durable(String bootstrapServers, String clientId, String serializer) {
        Map<String, String> v = batched(bootstrapServers, clientId, serializer);
        v.put("acks", "all");
        v.put("enable.idempotence", "true");
        v.put("max.block.ms", "10000");
        v.put("request.timeout.ms", "10000");
        v.put("delivery.timeout.ms", "120000");
        return new ProducerSettings(v);
    }

    private static Map<String, String> batched(String bootstrapServers, String clientId, String serializer) {
        Map<String, String> v = KafkaClientSettings.common(bootstrapServers, clientId);
        v.put("key.serializer", serializer);
        v.put("value.serializer", serializer);
        v.put("linger.ms", "5");
        v.put("compression.type", "lz4");
        return v;
    }

    /** These settings with {@code key} set to {@code value} (a service's own tuning, e.g. a larger batch). */
    public ProducerSettings with(String key, String value) {
        Map<String, String> v = new LinkedHashMap<>(values);
        v.put(key, value);
        return new ProducerSettings(v);
    }
}
