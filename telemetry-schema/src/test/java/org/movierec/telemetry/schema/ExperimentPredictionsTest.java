package org.movierec.telemetry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.movierec.telemetry.schema.QueryLines.firstColumn;
import static org.movierec.telemetry.schema.QueryLines.lines;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.movierec.testkit.PgliteRunner;

/**
 * V6's {@code experiment_predictions} on both paths — real PostgreSQL 17 ({@code timescale=off}: a time index) and
 * TimescaleDB 2.23-dev in PGlite ({@code timescale=on}: a hypertable, compressed after 7 days, kept 400 days, as
 * {@code online_predictions}) — with its columns, its key (a replayed row is stored once), and the paired
 * comparison's per-user sums read by {@link #PAIRED_PER_USER}, against sums worked out by hand.
 *
 * <p>Predictions and ratings are exact binary fractions, so every sum is exact whatever the order of addition.
 */
class ExperimentPredictionsTest {

    /**
     * Per user of an experiment since an instant, the ratings both compared arms predicted ({@code ratings}, M_i)
     * and the sums of their squared errors ({@code sum_squared_error_t}, A_i, and {@code sum_squared_error_c}, B_i);
     * parameters: experiment, since, the arm T, the arm C. The error is V5's: {@code (predicted - rating)}.
     * This is the query the router's report reads for the paired comparison.
     */
    static final String PAIRED_PER_USER = """
            SELECT user_id,
                   count(*)                        AS ratings,
                   sum(error_t * error_t)          AS sum_squared_error_t,
                   sum(error_c * error_c)          AS sum_squared_error_c
            FROM (SELECT user_id,
                         max((predicted - rating)::double precision) FILTER (WHERE arm = ?) AS error_t,
                         max((predicted - rating)::double precision) FILTER (WHERE arm = ?) AS error_c
                  FROM experiment_predictions
                  WHERE experiment = ? AND time >= ?
                  GROUP BY user_id, movie_id, time, rating) AS pairs
            WHERE error_t IS NOT NULL AND error_c IS NOT NULL
            GROUP BY user_id
            ORDER BY user_id""";

    /**
     * Experiment exp-1, arms control and treatment. User 1 (assigned control) rated m1 4 (control 3.5, treatment
     * 4.25) and m2 2 (2.5, 3); user 2 (assigned treatment) rated m1 5 (4, 4.5) and m3 3 (3, and no prediction: the
     * treatment version could not be loaded, so the rating is not a pair). Not counted: a rating of another
     * experiment and one before the report's start.
     */
    private static final String ROWS = """
            INSERT INTO experiment_predictions
                   (time, user_id, movie_id, rating, experiment, user_arm, arm, model_version, predicted)
            VALUES ('2026-01-01 00:01:00+00', 1, 'm1', 4, 'exp-1', 'control',   'control',   'v1', 3.5),
                   ('2026-01-01 00:01:00+00', 1, 'm1', 4, 'exp-1', 'control',   'treatment', 'v2', 4.25),
                   ('2026-01-01 00:02:00+00', 1, 'm2', 2, 'exp-1', 'control',   'control',   'v1', 2.5),
                   ('2026-01-01 00:02:00+00', 1, 'm2', 2, 'exp-1', 'control',   'treatment', 'v2', 3),
                   ('2026-01-01 00:01:00+00', 2, 'm1', 5, 'exp-1', 'treatment', 'control',   'v1', 4),
                   ('2026-01-01 00:01:00+00', 2, 'm1', 5, 'exp-1', 'treatment', 'treatment', 'v2', 4.5),
                   ('2026-01-01 00:03:00+00', 2, 'm3', 3, 'exp-1', 'treatment', 'control',   'v1', 3),
                   ('2026-01-01 00:03:00+00', 2, 'm3', 3, 'exp-1', 'treatment', 'treatment', 'v2', NULL),
                   ('2026-01-01 00:04:00+00', 1, 'm4', 1, 'exp-0', 'a',         'a',         'v0', 2),
                   ('2025-12-31 23:59:00+00', 1, 'm5', 1, 'exp-1', 'control',   'control',   'v1', 2),
                   ('2025-12-31 23:59:00+00', 1, 'm5', 1, 'exp-1', 'control',   'treatment', 'v2', 3)
            ON CONFLICT DO NOTHING""";

    private static final List<Object> PAIRED_PARAMETERS = List.of("treatment", "control", "exp-1",
            "2026-01-01 00:00:00+00");

    /** User 1: A = 0.25² + 1² = 1.0625, B = 0.5² + 0.5² = 0.5 over 2; user 2: A = 0.5² = 0.25, B = 1² = 1 over 1. */
    private static final List<String> EXPECTED_PAIRED = List.of("1 2 1.0625 0.5", "2 1 0.25 1");

    private static final String PAIRED_LINES = "SELECT concat_ws(' ', user_id, ratings, sum_squared_error_t, "
            + "sum_squared_error_c) FROM (" + literal(PAIRED_PER_USER, PAIRED_PARAMETERS) + ") AS q";

    private static final String COUNT = "SELECT count(*) FROM experiment_predictions";

    private static final String COLUMNS = """
            SELECT string_agg(column_name || ':' || data_type || ':' || is_nullable, ', ' ORDER BY ordinal_position)
            FROM information_schema.columns WHERE table_name = 'experiment_predictions'""";

    private static final String EXPECTED_COLUMNS = "time:timestamp with time zone:NO, user_id:bigint:NO, "
            + "movie_id:text:NO, rating:real:NO, experiment:text:NO, user_arm:text:YES, arm:text:NO, "
            + "model_version:text:NO, predicted:real:YES";

    private static final String INDEXES =
            "SELECT indexname FROM pg_indexes WHERE tablename = 'experiment_predictions' ORDER BY indexname";

    @RegisterExtension
    static final EmbeddedPostgres POSTGRES = new EmbeddedPostgres("experiment-predictions-pg");

    @Test
    void plainPostgresqlKeysTheRowsIndexesTimeAndGivesThePairedSums() throws Exception {
        TelemetrySchema.migrate(POSTGRES.jdbcUrl(), POSTGRES.user(), POSTGRES.password(), "off");
        try (Connection c = DriverManager.getConnection(POSTGRES.jdbcUrl(), POSTGRES.user(), POSTGRES.password());
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(ROWS)).isEqualTo(11);
            assertThat(s.executeUpdate(ROWS)).as("a replay stores nothing new").isZero();
            assertThat(lines(s, "SELECT flavour FROM storage_flavour")).containsExactly("postgresql");
            assertThat(lines(s, COLUMNS)).containsExactly(EXPECTED_COLUMNS);
            assertThat(lines(s, COUNT)).containsExactly("11");
            assertThat(lines(s, PAIRED_LINES)).containsExactlyElementsOf(EXPECTED_PAIRED);
            assertThat(lines(s, INDEXES)).containsExactly("experiment_predictions_event",
                    "experiment_predictions_experiment", "experiment_predictions_time");
        }
    }

    @Test
    void timescaleMakesItAHypertableCompressedAndRetainedAsOnlinePredictionsWithTheSamePairedSums() throws Exception {
        List<PgliteRunner.Migration> migrations = PgliteRunner.classpathMigrations(
                TelemetrySchema.class.getClassLoader(), TelemetrySchema.LOCATION,
                Map.of(TelemetrySchema.TIMESCALE_PLACEHOLDER, "on"));
        PgliteRunner.Run run = PgliteRunner.locate().run(migrations, List.of(ROWS, ROWS,
                "SELECT flavour FROM storage_flavour", COLUMNS, COUNT, PAIRED_LINES,
                "SELECT compression_enabled FROM timescaledb_information.hypertables "
                        + "WHERE hypertable_name = 'experiment_predictions'",
                policies("experiment_predictions"), policies("online_predictions"),
                "SELECT column_name || ' ' || time_interval FROM timescaledb_information.dimensions "
                        + "WHERE hypertable_name = 'experiment_predictions'"));

        assertThat(run.migrations()).allSatisfy(m -> assertThat(m.ok()).as("%s: %s", m.name(), m.error()).isTrue());
        assertThat(run.migrated(migrations.size())).isTrue();
        assertThat(migrations).extracting(PgliteRunner.Migration::name).contains("V6__experiment_predictions.sql");
        assertThat(firstColumn(run, 2)).containsExactly("timescaledb");
        assertThat(firstColumn(run, 3)).containsExactly(EXPECTED_COLUMNS);
        assertThat(firstColumn(run, 4)).as("the second insert was a replay").containsExactly("11");
        assertThat(firstColumn(run, 5)).containsExactlyElementsOf(EXPECTED_PAIRED);
        assertThat(firstColumn(run, 6)).containsExactly("true");
        assertThat(firstColumn(run, 7)).containsExactly("policy_compression 7 days", "policy_retention 400 days");
        assertThat(firstColumn(run, 7)).as("the same treatment as online_predictions")
                .isEqualTo(firstColumn(run, 8));
        assertThat(firstColumn(run, 9)).containsExactly("time 1 day");
    }

    /** The compression and retention policies of {@code table}, with their thresholds. */
    private static String policies(String table) {
        return "SELECT proc_name || ' ' || coalesce(config->>'compress_after', config->>'drop_after') "
                + "FROM timescaledb_information.jobs WHERE hypertable_name = '" + table + "' "
                + "AND proc_name IN ('policy_compression', 'policy_retention') ORDER BY proc_name";
    }

    /** {@code sql} with each {@code ?} replaced, in order, by the next parameter as a quoted literal. */
    private static String literal(String sql, List<Object> parameters) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (char ch : sql.toCharArray()) {
            if (ch == '?') {
                out.append('\'').append(String.valueOf(parameters.get(next++)).replace("'", "''")).append('\'');
            } else {
                out.append(ch);
            }
        }
        assertThat(next).isEqualTo(parameters.size());
        return out.toString();
    }
}
