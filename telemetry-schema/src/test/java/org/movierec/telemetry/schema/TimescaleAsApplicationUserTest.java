package org.movierec.telemetry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.testkit.PgliteRunner;

/**
 * The migrations in {@code auto} mode as the application user of a managed TimescaleDB (PGlite with TimescaleDB
 * 2.23-dev): a role with LOGIN, USAGE and CREATE on schema public, no superuser. Where the DBA has created the
 * extension the user gets the TimescaleDB path, owning the hypertables and the policies' jobs; where nobody has,
 * the user cannot create it and gets the plain path; neither reads a privileged setting.
 */
class TimescaleAsApplicationUserTest {

    private static final String APP_ROLE = """
            CREATE ROLE telemetry_app LOGIN NOSUPERUSER;
            GRANT USAGE, CREATE ON SCHEMA public TO telemetry_app;
            """;

    @Test
    void withTheExtensionCreatedByTheDbaTheApplicationUserGetsTheTimescalePath() throws Exception {
        PgliteRunner.Run run = migrate("CREATE EXTENSION timescaledb;\n" + APP_ROLE + "SET ROLE telemetry_app;",
                List.of("SELECT current_user, (SELECT flavour FROM storage_flavour)",
                        "SELECT hypertable_name, owner FROM timescaledb_information.hypertables ORDER BY 1",
                        "SELECT proc_name, owner, config->>'start_offset', config->>'end_offset' "
                                + "FROM timescaledb_information.jobs WHERE hypertable_name = 'online_error_5m' "
                                + "AND proc_name = 'policy_refresh_continuous_aggregate'",
                        "SELECT timescaledb_version_supported(extversion) FROM pg_extension "
                                + "WHERE extname = 'timescaledb'",
                        "SELECT materialized_only FROM timescaledb_information.continuous_aggregates "
                                + "WHERE view_name = 'online_error_5m'",
                        "SELECT current_setting('shared_preload_libraries')"));

        assertThat(rows(run, 0)).containsExactly(List.of("telemetry_app", "timescaledb"));
        assertThat(rows(run, 1)).containsExactly(
                List.of("experiment_predictions", "telemetry_app"), List.of("online_predictions", "telemetry_app"),
                List.of("rating_history", "telemetry_app"),
                List.of("recommendation_requests", "telemetry_app"), List.of("served_recommendations", "telemetry_app"));
        assertThat(rows(run, 2)).as("V4's refresh window")
                .containsExactly(List.of("policy_refresh_continuous_aggregate", "telemetry_app", "399 days", "00:05:00"));
        assertThat(rows(run, 3)).as("TimescaleDB 2.23 passes the 2.11 minimum").containsExactly(List.of(true));
        assertThat(rows(run, 4)).as("real-time aggregation").containsExactly(List.of(false));
        assertThat(run.results().get(5).error()).as("the role cannot read the setting the first V2 read")
                .contains("permission denied");
    }

    @Test
    void withoutTheExtensionTheApplicationUserGetsThePlainPath() throws Exception {
        PgliteRunner.Run run = migrate(APP_ROLE + "SET ROLE telemetry_app;",
                List.of("SELECT current_user, (SELECT flavour FROM storage_flavour)",
                        "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')"));

        assertThat(rows(run, 0)).containsExactly(List.of("telemetry_app", "postgresql"));
        assertThat(rows(run, 1)).containsExactly(List.of(false));
    }

    private static PgliteRunner.Run migrate(String setup, List<String> statements) throws Exception {
        List<PgliteRunner.Migration> migrations = new ArrayList<>();
        migrations.add(new PgliteRunner.Migration("dba-setup.sql", setup));
        migrations.addAll(PgliteRunner.classpathMigrations(TelemetrySchema.class.getClassLoader(),
                TelemetrySchema.LOCATION, Map.of(TelemetrySchema.TIMESCALE_PLACEHOLDER, "auto")));
        PgliteRunner.Run run = PgliteRunner.locate().run(migrations, statements);
        assertThat(run.migrations()).allSatisfy(m -> assertThat(m.ok()).as("%s: %s", m.name(), m.error()).isTrue());
        assertThat(run.migrated(migrations.size())).isTrue();
        return run;
    }

    private static List<List<Object>> rows(PgliteRunner.Run run, int statement) {
        PgliteRunner.StatementResult result = run.results().get(statement);
        assertThat(result.ok()).as("statement %d: %s", statement, result.error()).isTrue();
        return result.rows();
    }
}
