package org.movierec.testkit;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: one {@link PostgresServer} per JVM on a temporary data directory (shared by all test
 * classes, stopped and deleted at JVM exit).
 *
 * <p>Returns {@code quarkus.datasource.jdbc.url}, {@code quarkus.datasource.username} and
 * {@code quarkus.datasource.password}, and turns datasource Dev Services off. The service itself declares
 * {@code quarkus.datasource.db-kind=postgresql} (a build-time property).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /** The config key with the JDBC URL. */
    public static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    /** The config key with the user name. */
    public static final String USERNAME = "quarkus.datasource.username";
    /** The config key with the password. */
    public static final String PASSWORD = "quarkus.datasource.password";

    @Override
    public Map<String, String> start() {
        return SharedInfrastructure.configOf("postgres", () -> {
            PostgresServer server = PostgresServer.builder().build();
            server.start();
            return new SharedInfrastructure.Started(server, Map.of(
                    JDBC_URL, server.jdbcUrl(),
                    USERNAME, server.user(),
                    PASSWORD, server.password(),
                    "quarkus.datasource.devservices.enabled", "false"));
        });
    }

    /** Leaves the shared server running for the next test class; it stops when the JVM exits. */
    @Override
    public void stop() {
    }
}
