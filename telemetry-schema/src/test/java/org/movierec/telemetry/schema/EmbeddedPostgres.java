package org.movierec.telemetry.schema;

import java.nio.file.Files;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.movierec.testkit.PostgresServer;

/**
 * An embedded PostgreSQL 17 for one test class (database {@code movierec}), started before its {@code @BeforeAll}
 * methods and stopped after the class: {@code @RegisterExtension static final EmbeddedPostgres POSTGRES = ...}.
 */
final class EmbeddedPostgres implements BeforeAllCallback, AfterAllCallback {

    private final String name;
    private PostgresServer server;

    /** @param name prefix of the temporary data directory */
    EmbeddedPostgres(String name) {
        this.name = name;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = PostgresServer.builder().dataDir(Files.createTempDirectory(name)).database("movierec").build();
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    String jdbcUrl() {
        return server.jdbcUrl();
    }

    String user() {
        return server.user();
    }

    String password() {
        return server.password();
    }
}
