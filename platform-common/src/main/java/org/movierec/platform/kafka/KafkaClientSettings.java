package org.movierec.platform.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What {@link ProducerSettings} and {@link ConsumerSettings} share: Kafka configuration keys and values (strings, so
 * that the settings need no Kafka class), the required brokers and the client id.
 */
abstract class KafkaClientSettings {

    final Map<String, String> values;

    KafkaClientSettings(Map<String, String> values) {
        this.values = values;
    }

    /** A new map of the settings every client has; the caller adds its own. */
    static Map<String, String> common(String bootstrapServers, String clientId) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers are required");
        }
        Map<String, String> v = new LinkedHashMap<>();
        v.put("bootstrap.servers", bootstrapServers);
        v.put("client.id", clientId);
        return v;
    }

    /** The settings by Kafka configuration key. */
    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }

    /** The settings as the {@code Properties} a Kafka client takes. */
    public Properties toProperties() {
        Properties p = new Properties();
        p.putAll(values);
        return p;
    }
}
