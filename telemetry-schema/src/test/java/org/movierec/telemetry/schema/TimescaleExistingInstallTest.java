package org.movierec.telemetry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.testkit.PgliteRunner;

/**
 * A TimescaleDB database migrated with the first release (V1 to V3, PGlite with TimescaleDB 2.23): its
 * continuous aggregate's 7-day refresh window never materialises rows that were older than that when the policy
 * first ran, nor late rows into a region older than a week, so {@code online_rmse} misses them. V4 widens the
 * window; the next run of the policy materialises them, and {@code online_rmse} equals the figures computed from
 * the raw rows.
 */
class TimescaleExistingInstallTest {

    private static final String RUN_REFRESH_POLICY = """
            CREATE PROCEDURE run_refresh_policy() LANGUAGE plpgsql AS $$
            DECLARE
                job integer;
            BEGIN
                SELECT job_id INTO STRICT job FROM timescaledb_information.jobs
                WHERE proc_name = 'policy_refresh_continuous_aggregate' AND hypertable_name = 'online_error_5m';
                CALL run_job(job);
            END
            $$""";

    /** Predictions of v1: 30 days old, 2 days old, and one a minute old (errors 0.5, 1.5, 0.25). */
    private static final String ROWS = """
            INSERT INTO online_predictions (time, user_id, movie_id, rating, predicted, model_version)
            VALUES (now() - INTERVAL '30 days', 1, 'm1', 4, 3.5, 'v1'),
                   (now() - INTERVAL '2 days', 2, 'm2', 3, 4.5, 'v1'),
                   (now() - INTERVAL '1 minute', 3, 'm3', 2, 2.25, 'v1')""";

    /** A late row, 10 days old, after the policy has materialised the last week. */
    private static final String LATE_ROW = """
            INSERT INTO online_predictions (time, user_id, movie_id, rating, predicted, model_version)
            VALUES (now() - INTERVAL '10 days', 4, 'm4', 5, 4.0, 'v1')""";

    @Test
    void v4MaterialisesWhatTheFirstRefreshWindowMissed() throws Exception {
        List<PgliteRunner.Migration> migrations = new ArrayList<>(PgliteRunner.classpathMigrations(
                TelemetrySchema.class.getClassLoader(), "db/telemetry-first-release",
                Map.of(TelemetrySchema.TIMESCALE_PLACEHOLDER, "on")));
        migrations.add(new PgliteRunner.Migration("procedure.sql", RUN_REFRESH_POLICY));
        migrations.add(new PgliteRunner.Migration("rows.sql", ROWS));
        migrations.add(new PgliteRunner.Migration("refresh-1.sql", "CALL run_refresh_policy()"));
        migrations.add(new PgliteRunner.Migration("late-row.sql", LATE_ROW));
        migrations.add(new PgliteRunner.Migration("refresh-2.sql", "CALL run_refresh_policy()"));
        migrations.add(new PgliteRunner.Migration("before-v4.sql",
                "CREATE TABLE rmse_before_v4 AS SELECT predictions, rmse FROM online_rmse"));
        migrations.add(PgliteRunner.classpathMigrations(TelemetrySchema.class.getClassLoader(),
                TelemetrySchema.LOCATION, Map.of(TelemetrySchema.TIMESCALE_PLACEHOLDER, "on")).get(3));
        migrations.add(new PgliteRunner.Migration("refresh-3.sql", "CALL run_refresh_policy()"));

        PgliteRunner.Run run = PgliteRunner.locate().run(migrations, List.of(
                "SELECT flavour FROM storage_flavour",
                "SELECT predictions::int, rmse FROM rmse_before_v4",
                "SELECT predictions::int, rmse FROM online_rmse",
                "SELECT count(*)::int, sqrt(avg(((predicted - rating)::double precision) ^ 2)) FROM online_predictions"));

        assertThat(run.migrations()).allSatisfy(m -> assertThat(m.ok()).as("%s: %s", m.name(), m.error()).isTrue());
        assertThat(run.migrated(migrations.size())).isTrue();
        assertThat(migrations.get(migrations.size() - 2).name()).isEqualTo("V4__timescale_version_and_late_data.sql");
        assertThat(rows(run, 0)).containsExactly(List.of("timescaledb"));
        assertThat(rows(run, 1)).as("the first release: only the last week and the real-time row")
                .containsExactly(List.of(2, Math.sqrt((1.5 * 1.5 + 0.25 * 0.25) / 2)));
        assertThat(rows(run, 2)).as("after V4 and the next refresh: every row")
                .containsExactly(List.of(4, Math.sqrt((0.25 + 2.25 + 0.0625 + 1) / 4)));
        assertThat(rows(run, 2)).isEqualTo(rows(run, 3));
    }

    private static List<List<Object>> rows(PgliteRunner.Run run, int statement) {
        PgliteRunner.StatementResult result = run.results().get(statement);
        assertThat(result.ok()).as("statement %d: %s", statement, result.error()).isTrue();
        return result.rows();
    }
}
