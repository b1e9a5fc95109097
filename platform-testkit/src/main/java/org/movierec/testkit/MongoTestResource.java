package org.movierec.testkit;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: one in-memory {@link MongoServer} per JVM (shared by all test classes, stopped at JVM
 * exit).
 *
 * <p>Returns {@code quarkus.mongodb.connection-string} and turns MongoDB Dev Services off.
 */
public class MongoTestResource implements QuarkusTestResourceLifecycleManager {

    /** The config key with the connection string. */
    public static final String CONNECTION_STRING = "quarkus.mongodb.connection-string";

    @Override
    public Map<String, String> start() {
        return SharedInfrastructure.configOf("mongo", () -> {
            MongoServer server = MongoServer.builder().build();
            String connectionString = server.start();
            return new SharedInfrastructure.Started(server, Map.of(
                    CONNECTION_STRING, connectionString,
                    "quarkus.mongodb.devservices.enabled", "false"));
        });
    }

    /** Leaves the shared server running for the next test class; it stops when the JVM exits. */
    @Override
    public void stop() {
    }
}
