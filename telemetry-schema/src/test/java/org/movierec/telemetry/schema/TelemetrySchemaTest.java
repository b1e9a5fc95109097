package org.movierec.telemetry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TelemetrySchemaTest {

    @RegisterExtension
    static final EmbeddedPostgres POSTGRES = new EmbeddedPostgres("telemetry-schema-pg");

    @Test
    void migratesAnEmptyDatabaseOnceAndThenNothing() throws Exception {
        int first = TelemetrySchema.migrate(POSTGRES.jdbcUrl(), POSTGRES.user(), POSTGRES.password(), "auto");
        int second = TelemetrySchema.migrate(POSTGRES.jdbcUrl(), POSTGRES.user(), POSTGRES.password(), "auto");

        assertThat(first).isEqualTo(7);
        assertThat(second).isZero();
        try (Connection c = DriverManager.getConnection(POSTGRES.jdbcUrl(), POSTGRES.user(), POSTGRES.password());
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")) {
            List<String> relations = new ArrayList<>();
            while (rs.next()) {
                relations.add(rs.getString(1));
            }
            assertThat(relations).contains("ratings", "served_recommendations", "online_predictions", "experiment_predictions",
                    "online_error_moments", "online_error_5m", "online_rmse", "watch_through", "model_versions", "model_fairness",
                    "retrain_runs", "retrain_snapshot_drops", "retrain_stage_durations");
        }
        try (Connection c = DriverManager.getConnection(POSTGRES.jdbcUrl(), POSTGRES.user(), POSTGRES.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT flavour FROM storage_flavour")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("postgresql");
        }
    }

    @Test
    void migrationsAreOnTheClassPathUnderTheDocumentedLocation() {
        assertThat(TelemetrySchema.class.getClassLoader().getResource(TelemetrySchema.LOCATION + "/V1__tables.sql"))
                .isNotNull();
        assertThat(TelemetrySchema.class.getClassLoader().getResource(TelemetrySchema.LOCATION + "/V2__time_series.sql"))
                .isNotNull();
        assertThat(TelemetrySchema.class.getClassLoader()
                .getResource(TelemetrySchema.LOCATION + "/V3__model_versions_and_runs.sql")).isNotNull();
        assertThat(TelemetrySchema.class.getClassLoader()
                .getResource(TelemetrySchema.LOCATION + "/V4__timescale_version_and_late_data.sql")).isNotNull();
        assertThat(TelemetrySchema.class.getClassLoader()
                .getResource(TelemetrySchema.LOCATION + "/V5__online_error_moments.sql")).isNotNull();
        assertThat(TelemetrySchema.class.getClassLoader()
                .getResource(TelemetrySchema.LOCATION + "/V6__experiment_predictions.sql")).isNotNull();
        assertThat(TelemetrySchema.class.getClassLoader()
                .getResource(TelemetrySchema.LOCATION + "/V7__epoch_micros_inlined.sql")).isNotNull();
    }
}
