package org.movierec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real PostgreSQL and talks to it with the PostgreSQL JDBC driver. */
class PostgresServerTest {

    @TempDir
    Path tmp;

    @Test
    void keepsTablesAcrossStopAndStartOnSameDataDir() throws SQLException {
        Path dataDir = tmp.resolve("pgdata");
        try (PostgresServer server = PostgresServer.builder().dataDir(dataDir).database("movierec").build()) {
            long t0 = System.nanoTime();
            server.start();
            log("first start (initdb + start)", t0);
            int port = server.port();
            assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/movierec");
            try (Connection c = connect(server); Statement s = c.createStatement()) {
                try (ResultSet rows = s.executeQuery("SELECT current_database(), current_setting('server_version_num')::int")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("movierec");
                    assertThat(rows.getInt(2)).isGreaterThanOrEqualTo(170000);
                }
                s.execute("CREATE TABLE ratings (user_id int, movie_id text, rating int)");
                s.execute("INSERT INTO ratings VALUES (1, 'padre+nuestro+2007', 4), (2, '50', 5)");
            }

            server.stop();
            assertThat(server.isRunning()).isFalse();
            t0 = System.nanoTime();
            server.start();
            log("restart on the same data dir", t0);
            assertThat(server.port()).isEqualTo(port);
            try (Connection c = connect(server); Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("SELECT count(*), sum(rating) FROM ratings")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(2);
                assertThat(rows.getInt(2)).isEqualTo(9);
            }
        }
        assertThat(dataDir.resolve("PG_VERSION")).as("a given data directory is kept").isRegularFile();
    }

    private static Connection connect(PostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
    }

    private static void log(String what, long startNanos) {
        System.out.printf("PostgresServerTest: %s took %d ms%n", what, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
