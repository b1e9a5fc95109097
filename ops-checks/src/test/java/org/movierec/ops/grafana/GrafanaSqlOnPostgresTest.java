package org.movierec.ops.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.movierec.ops.grafana.GrafanaFiles.Query;
import org.movierec.telemetry.schema.TelemetrySchema;
import org.movierec.testkit.PostgresServer;

/**
 * Every SQL query of the dashboards and Grafana alert rules, expanded as Grafana expands it for a datasource with
 * {@code timescaledb: false}, runs on a real PostgreSQL migrated by the telemetry schema (its plain path) with the
 * fixture rows, and returns what its panel reads.
 */
class GrafanaSqlOnPostgresTest {

    private static PostgresServer postgres;
    private static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.builder().dataDir(Files.createTempDirectory("grafana-sql-pg")).database("movierec").build();
        postgres.start();
        TelemetrySchema.migrate(postgres.jdbcUrl(), postgres.user(), postgres.password(), "auto");
        connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
        try (Statement st = connection.createStatement()) {
            st.execute(PanelSql.fixture());
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT flavour FROM storage_flavour")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("the plain PostgreSQL path").isEqualTo("postgresql");
        }
    }

    @AfterAll
    static void stop() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everySqlQueryRunsAndGivesItsPanelWhatItReads() {
        List<Query> queries = PanelSql.queries();
        assertThat(queries).hasSizeGreaterThan(10);
        GrafanaSqlExpander expander = PanelSql.expander(Instant.now(), false);
        return queries.stream().map(q -> DynamicTest.dynamicTest(q.where(), () -> {
            String sql = expander.expand(q.sql());
            assertThat(sql).doesNotContain("time_bucket");
            PanelSql.assertUsable(q, run(sql));
        }));
    }

    private static PanelSql.Result run(String sql) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
            }
            List<String> first = new ArrayList<>();
            while (rs.next()) {
                first.add(String.valueOf(rs.getObject(1)));
            }
            return new PanelSql.Result(columns, first.size(), first, null);
        } catch (SQLException e) {
            return PanelSql.Result.failed(e.getMessage());
        }
    }
}
