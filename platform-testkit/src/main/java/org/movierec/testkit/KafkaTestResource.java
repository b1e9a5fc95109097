package org.movierec.testkit;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: one {@link KafkaBroker} per JVM (shared by all test classes, stopped at JVM exit).
 *
 * <p>Returns {@code kafka.bootstrap.servers} (read by the SmallRye Kafka connector and the Kafka client
 * extension) and turns Kafka Dev Services off. Use with
 * {@code @WithTestResource(KafkaTestResource.class)} or {@code @QuarkusTestResource(KafkaTestResource.class)}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    /** The config key with the broker's bootstrap servers. */
    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";

    @Override
    public Map<String, String> start() {
        return SharedInfrastructure.configOf("kafka", () -> {
            KafkaBroker broker = KafkaBroker.builder().build();
            broker.start();
            return new SharedInfrastructure.Started(broker, Map.of(
                    BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                    "quarkus.kafka.devservices.enabled", "false"));
        });
    }

    /** Leaves the shared broker running for the next test class; it stops when the JVM exits. */
    @Override
    public void stop() {
    }
}
