package org.movierec.telemetry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.movierec.telemetry.schema.QueryLines.firstColumn;
import static org.movierec.telemetry.schema.QueryLines.lines;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.movierec.testkit.PgliteRunner;

/**
 * The error-moments view of V5 on both paths — real PostgreSQL ({@code timescale=off}) and TimescaleDB 2.23-dev in
 * PGlite ({@code timescale=on}) — against moments worked out by hand, and the 5-minute relation and
 * {@code online_rmse} V2 defined, which keep their columns and values (on plain PostgreSQL {@code online_error_5m}
 * is now a view on top of the moments; on TimescaleDB it stays V2's continuous aggregate).
 *
 * <p>Predictions and ratings are exact binary fractions, so every sum is exact whatever the order of addition.
 */
class OnlineErrorMomentsTest {

    /**
     * Two ratings of v1/control at the same instant (errors −0.5 and 1.5: one row of the view), one of v1 a second
     * later (0.5), one of v2/treatment (1.25), one of v2 outside experiments seven minutes later (−1), and a rating
     * without a prediction (a user never served), which no relation counts.
     */
    private static final String ROWS = """
            INSERT INTO online_predictions (time, user_id, movie_id, rating, predicted, model_version, experiment, arm)
            VALUES ('2026-01-01 00:00:00+00', 1, 'm1', 4, 3.5,  'v1', 'exp-1', 'control'),
                   ('2026-01-01 00:00:00+00', 2, 'm1', 3, 4.5,  'v1', 'exp-1', 'control'),
                   ('2026-01-01 00:00:01+00', 3, 'm2', 2, 2.5,  'v1', 'exp-1', 'control'),
                   ('2026-01-01 00:00:00+00', 4, 'm2', 2, 3.25, 'v2', 'exp-1', 'treatment'),
                   ('2026-01-01 00:07:00+00', 5, 'm3', 5, 4,    'v2', NULL,    NULL),
                   ('2026-01-01 00:08:00+00', 6, 'm3', 5, NULL, NULL, NULL,    NULL)""";

    private static final String MOMENTS = """
            SELECT concat_ws(' ', to_char(time AT TIME ZONE 'UTC', 'HH24:MI:SS'), model_version,
                             coalesce(experiment, '-'), coalesce(arm, '-'), predictions, sum_error,
                             sum_absolute_error, sum_squared_error, sum_squared_error_squared)
            FROM online_error_moments ORDER BY time, model_version, arm""";

    private static final String FIVE_MINUTES = """
            SELECT concat_ws(' ', to_char(bucket AT TIME ZONE 'UTC', 'HH24:MI'), model_version,
                             coalesce(experiment, '-'), coalesce(arm, '-'), predictions, sum_squared_error,
                             sum_absolute_error)
            FROM online_error_5m ORDER BY bucket, model_version, arm""";

    private static final String RMSE = """
            SELECT concat_ws(' ', model_version, coalesce(arm, '-'), predictions, round(rmse::numeric, 12),
                             round(mae::numeric, 12))
            FROM online_rmse ORDER BY model_version, arm""";

    private static final String COLUMNS = """
            SELECT string_agg(column_name || ':' || data_type, ', ' ORDER BY ordinal_position)
            FROM information_schema.columns WHERE table_name = 'online_error_5m'""";

    private static final List<String> EXPECTED_MOMENTS = List.of(
            "00:00:00 v1 exp-1 control 2 1 2 2.5 5.125",
            "00:00:00 v2 exp-1 treatment 1 1.25 1.25 1.5625 2.44140625",
            "00:00:01 v1 exp-1 control 1 0.5 0.5 0.25 0.0625",
            "00:07:00 v2 - - 1 -1 1 1 1");

    private static final List<String> EXPECTED_FIVE_MINUTES = List.of(
            "00:00 v1 exp-1 control 3 2.75 2.5",
            "00:00 v2 exp-1 treatment 1 1.5625 1.25",
            "00:05 v2 - - 1 1 1");

    private static final List<String> EXPECTED_RMSE = List.of(
            "v1 control 3 " + twelveDigits(Math.sqrt(2.75 / 3)) + " " + twelveDigits(2.5 / 3),
            "v2 treatment 1 " + twelveDigits(1.25) + " " + twelveDigits(1.25),
            "v2 - 1 " + twelveDigits(1) + " " + twelveDigits(1));

    private static final String V2_COLUMNS = "bucket:timestamp with time zone, model_version:text, experiment:text, "
            + "arm:text, predictions:bigint, sum_squared_error:double precision, sum_absolute_error:double precision";

    @RegisterExtension
    static final EmbeddedPostgres POSTGRES = new EmbeddedPostgres("error-moments-pg");

    @Test
    void plainPostgresqlGivesTheMomentsAndKeepsTheFiveMinuteViewAndOnlineRmse() throws Exception {
        TelemetrySchema.migrate(POSTGRES.jdbcUrl(), POSTGRES.user(), POSTGRES.password(), "off");
        try (Connection c = DriverManager.getConnection(POSTGRES.jdbcUrl(), POSTGRES.user(), POSTGRES.password());
             Statement s = c.createStatement()) {
            s.execute(ROWS);
            assertThat(lines(s, "SELECT flavour FROM storage_flavour")).containsExactly("postgresql");
            assertThat(lines(s, MOMENTS)).containsExactlyElementsOf(EXPECTED_MOMENTS);
            assertThat(lines(s, FIVE_MINUTES)).containsExactlyElementsOf(EXPECTED_FIVE_MINUTES);
            assertThat(lines(s, RMSE)).containsExactlyElementsOf(EXPECTED_RMSE);
            assertThat(lines(s, COLUMNS)).containsExactly(V2_COLUMNS);
        }
    }

    @Test
    void timescaleGivesTheSameMomentsBesideItsContinuousAggregate() throws Exception {
        List<PgliteRunner.Migration> migrations = PgliteRunner.classpathMigrations(
                TelemetrySchema.class.getClassLoader(), TelemetrySchema.LOCATION,
                Map.of(TelemetrySchema.TIMESCALE_PLACEHOLDER, "on"));
        PgliteRunner.Run run = PgliteRunner.locate().run(migrations, List.of(ROWS,
                "SELECT flavour FROM storage_flavour", MOMENTS, FIVE_MINUTES, RMSE, COLUMNS,
                "SELECT count(*) FROM timescaledb_information.continuous_aggregates "
                        + "WHERE view_name = 'online_error_5m'"));

        assertThat(run.migrations()).allSatisfy(m -> assertThat(m.ok()).as("%s: %s", m.name(), m.error()).isTrue());
        assertThat(run.migrated(migrations.size())).isTrue();
        assertThat(firstColumn(run, 1)).containsExactly("timescaledb");
        assertThat(firstColumn(run, 2)).containsExactlyElementsOf(EXPECTED_MOMENTS);
        assertThat(firstColumn(run, 3)).containsExactlyElementsOf(EXPECTED_FIVE_MINUTES);
        assertThat(firstColumn(run, 4)).containsExactlyElementsOf(EXPECTED_RMSE);
        assertThat(firstColumn(run, 5)).containsExactly(V2_COLUMNS);
        assertThat(firstColumn(run, 6)).as("V2's continuous aggregate is kept").containsExactly("1");
    }

    private static String twelveDigits(double value) {
        return String.format(Locale.ROOT, "%.12f", value);
    }
}
