package org.movierec.ops.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.movierec.ops.timescale.SqlLiterals.bind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.movierec.ops.grafana.DashboardSql;
import org.movierec.retrain.snapshot.SnapshotStage;
import org.movierec.retrain.snapshot.Watches;
import org.movierec.router.report.TelemetryQueries;
import org.movierec.telemetry.schema.TelemetrySchema;
import org.movierec.telemetry.store.BatchWriter;
import org.movierec.testkit.PgliteRunner;
import org.movierec.testkit.PostgresServer;

/**
 * The TimescaleDB path executed: the telemetry schema migrated with {@code timescale=on} on PGlite with
 * TimescaleDB 2.23-dev (hypertables, the continuous aggregate, compression), written with the collector's own
 * statements ({@link BatchWriter}) and read with the readers' own ({@link TelemetryQueries} of the router,
 * {@link SnapshotStage#QUERY} and {@link Watches#QUERY} of retraining), every relation the dashboards read, and
 * every SQL query of the dashboards and Grafana alert rules (expanded without TimescaleDB macros, so that the SQL
 * text is the same on both paths); the same statements on the plain path (embedded PostgreSQL 17,
 * {@code timescale=off}) must give the same columns and values.
 *
 * <p>The data are what broke the paths' agreement: rows older than V2's 7-day refresh window when the aggregate's
 * policy first ran, late rows below its watermark (some into chunks the compression policy has compressed, written
 * with the collector's {@code ON CONFLICT DO NOTHING}, which needs TimescaleDB 2.11+), a duplicate into a compressed
 * chunk, and a row above the watermark (real-time aggregation). The policies run as TimescaleDB runs them
 * ({@code run_job} on their jobs; PGlite has no background scheduler); on the plain path they are no-ops.
 * Predictions and ratings are exact binary fractions, so sums do not depend on the order of addition.
 */
class TimescalePathTest {

    private static final String EXPERIMENT = "exp-1";
    private static final long WINDOW_MICROS = Duration.ofHours(2).toNanos() / 1000;

    /** Runs every job of a policy kind on the TimescaleDB path (as its scheduler would), nothing on the plain one. */
    private static final String RUN_POLICIES = """
            CREATE PROCEDURE run_policies(kind text) LANGUAGE plpgsql AS $$
            DECLARE
                jobs integer[];
                job integer;
            BEGIN
                IF (SELECT flavour FROM storage_flavour) = 'timescaledb' THEN
                    SELECT array_agg(job_id ORDER BY job_id) INTO jobs
                    FROM timescaledb_information.jobs WHERE proc_name = kind;
                    FOREACH job IN ARRAY coalesce(jobs, '{}') LOOP
                        CALL run_job(job);
                    END LOOP;
                END IF;
            END
            $$""";

    /**
     * Rows (JSON objects) with the same columns in the same order and the same values, numbers within 1e-12
     * relative: aggregates such as var_samp add in scan order, which differs between hypertable chunks and a table.
     */
    private static final Comparator<String> SAME_ROW = (a, b) -> sameRow(a, b) ? 0 : 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static PostgresServer postgres;
    private static List<Read> reads;
    private static List<List<String>> onTimescale;
    private static List<List<String>> onPostgres;
    private static List<String> timescaleChecks;

    /** A read: what it is, its SQL, and whether its order is part of what readers rely on. */
    private record Read(String name, String sql, boolean ordered) {
        String asJsonRows() {
            return "SELECT row_to_json(q)::text FROM (" + sql + ") q";
        }
    }

    @BeforeAll
    static void runBothPaths() throws Exception {
        List<String> writes = writes();
        reads = reads();

        PgliteRunner pglite = PgliteRunner.locate();
        List<PgliteRunner.Migration> migrations = PgliteRunner.classpathMigrations(
                TelemetrySchema.class.getClassLoader(), TelemetrySchema.LOCATION,
                Map.of(TelemetrySchema.TIMESCALE_PLACEHOLDER, "on"));
        List<String> checks = List.of(
                "SELECT flavour FROM storage_flavour",
                "SELECT count(*) > 0 FROM timescaledb_information.chunks "
                        + "WHERE hypertable_name = 'online_predictions' AND is_compressed",
                "SELECT _timescaledb_functions.to_timestamp(_timescaledb_functions.cagg_watermark(mat_hypertable_id)) "
                        + "> now() - INTERVAL '1 hour' FROM _timescaledb_catalog.continuous_agg "
                        + "WHERE user_view_name = 'online_error_5m'",
                "SELECT count(*) > 0 FROM timescaledb_information.chunks "
                        + "WHERE hypertable_name = 'experiment_predictions' AND is_compressed",
                "SELECT count(*) FROM experiment_predictions");
        List<String> statements = new ArrayList<>(writes);
        statements.addAll(checks);
        reads.forEach(r -> statements.add(r.asJsonRows()));
        PgliteRunner.Run run = pglite.run(migrations, statements);
        assertThat(run.migrations()).allSatisfy(m -> assertThat(m.ok()).as("%s: %s", m.name(), m.error()).isTrue());
        assertThat(run.migrated(migrations.size())).isTrue();
        for (int i = 0; i < writes.size(); i++) {
            PgliteRunner.StatementResult r = run.results().get(i);
            assertThat(r.ok()).as("on TimescaleDB: %s\n%s", r.error(), writes.get(i)).isTrue();
        }
        timescaleChecks = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            PgliteRunner.StatementResult r = run.results().get(writes.size() + i);
            assertThat(r.ok()).as("%s: %s", checks.get(i), r.error()).isTrue();
            timescaleChecks.add(String.valueOf(r.rows().get(0).get(0)));
        }
        onTimescale = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            PgliteRunner.StatementResult r = run.results().get(writes.size() + checks.size() + i);
            assertThat(r.ok()).as("on TimescaleDB, %s: %s", reads.get(i).name(), r.error()).isTrue();
            onTimescale.add(r.rows().stream().map(row -> (String) row.get(0)).toList());
        }

        postgres = PostgresServer.builder().dataDir(Files.createTempDirectory("timescale-path-pg"))
                .database("movierec").build();
        postgres.start();
        TelemetrySchema.migrate(postgres.jdbcUrl(), postgres.user(), postgres.password(), "off");
        onPostgres = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
             Statement s = c.createStatement()) {
            for (String write : writes) {
                s.execute(write);
            }
            for (Read read : reads) {
                List<String> rows = new ArrayList<>();
                try (ResultSet r = s.executeQuery(read.asJsonRows())) {
                    while (r.next()) {
                        rows.add(r.getString(1));
                    }
                }
                onPostgres.add(rows);
            }
        }
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theTimescalePathRanWithCompressedChunksAndItsPolicies() {
        assertThat(timescaleChecks.get(0)).isEqualTo("timescaledb");
        assertThat(timescaleChecks.get(1)).as("a compressed chunk of online_predictions took late rows").isEqualTo("true");
        assertThat(timescaleChecks.get(2)).as("the refresh policy moved the watermark to the last minutes, so the "
                + "late rows below it were materialised, not added in real time").isEqualTo("true");
        assertThat(timescaleChecks.get(3)).as("a compressed chunk of experiment_predictions took late rows")
                .isEqualTo("true");
        assertThat(timescaleChecks.get(4)).as("8 rows, then 6 of which 2 were already stored (a replay into a "
                + "compressed chunk)").isEqualTo("12");
    }

    @Test
    void everyReadGivesTheSameColumnsAndValuesOnBothPaths() {
        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < reads.size(); i++) {
            Read read = reads.get(i);
            List<String> timescale = onTimescale.get(i);
            List<String> plain = onPostgres.get(i);
            if (!read.ordered()) {
                timescale = timescale.stream().sorted().toList();
                plain = plain.stream().sorted().toList();
            }
            softly.assertThat(timescale).as("%s on TimescaleDB (PGlite) vs plain PostgreSQL\n%s", read.name(), read.sql())
                    .usingElementComparator(SAME_ROW).containsExactlyElementsOf(plain);
        }
        softly.assertAll();
    }

    @Test
    void onlineRmseCountsOldLateAndRealTimeRows() throws IOException {
        List<String> rows = onTimescale.get(indexOf("online_rmse"));
        assertThat(rows).hasSize(2);
        // control/v1: 3.5-4, 4.5-3, 2.5-2, then late 4.25-5, 3.5-3 (real-time), 3.75-3 and the duplicate 3.5-4;
        // squared errors 0.25 + 2.25 + 0.25 + 0.5625 + 0.25 + 0.5625 = 4.125 over 6. treatment/v2: 3.25-2, 4-5,
        // then late 2.75-1 (compressed chunk), 3-4, 2.5-3: 1.5625 + 1 + 3.0625 + 1 + 0.25 = 6.875 over 5.
        JsonNode control = JSON.readTree(rows.get(0));
        JsonNode treatment = JSON.readTree(rows.get(1));
        assertThat(control.get("model_version").asText()).isEqualTo("v1");
        assertThat(control.get("predictions").asLong()).isEqualTo(6);
        assertThat(control.get("rmse").asDouble()).isCloseTo(Math.sqrt(4.125 / 6), within(1e-12));
        assertThat(treatment.get("model_version").asText()).isEqualTo("v2");
        assertThat(treatment.get("predictions").asLong()).isEqualTo(5);
        assertThat(treatment.get("rmse").asDouble()).isCloseTo(Math.sqrt(6.875 / 5), within(1e-12));
    }

    private static boolean sameRow(String a, String b) {
        try {
            JsonNode x = JSON.readTree(a);
            JsonNode y = JSON.readTree(b);
            List<String> columns = new ArrayList<>();
            x.fieldNames().forEachRemaining(columns::add);
            List<String> others = new ArrayList<>();
            y.fieldNames().forEachRemaining(others::add);
            if (!columns.equals(others)) {
                return false;
            }
            for (String column : columns) {
                JsonNode u = x.get(column);
                JsonNode v = y.get(column);
                boolean same = u.isNumber() && v.isNumber()
                        ? Math.abs(u.doubleValue() - v.doubleValue())
                                <= 1e-12 * Math.max(Math.abs(u.doubleValue()), Math.abs(v.doubleValue()))
                        : u.equals(v);
                if (!same) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(String name) {
        for (int i = 0; i < reads.size(); i++) {
            if (reads.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** The collector's statements, in two rounds with the policies run between them, then the last refresh. */
    private static List<String> writes() {
        List<String> w = new ArrayList<>();
        w.add("SET TIME ZONE 'UTC'");
        w.add(RUN_POLICIES);

        // Round 1: history older than V2's 7-day window, and recent rows.
        w.add(served(
                row(ago(30, 0), "r1", 1, "control", "v1", "m1,m2", 12.5, 200, false),
                row(ago(30, 1), "r2", 2, "treatment", "v2", "m3,m4", 20.25, 200, true),
                row(ago(8, 0), "r3", 1, "control", "v1", "m2,m5", 8.0, 503, false),
                row(ago(2, 0), "r4", 3, "treatment", "v2", "m1,m5", 30.5, 200, false),
                row(NOW.minus(Duration.ofHours(1)), "r5", 4, "control", "v1", "m4", 15.0, 200, false)));
        w.add(requests(
                row(ago(30, 0), 1, "edge-1", 200, "m1,m2", 12, null, 11L),
                row(ago(2, 0), 3, "edge-2", 500, "", 40, "timeout", 12L)));
        w.add(bind(BatchWriter.UPSERT_ACCOUNTS, List.of(1L, 2L, 3L, 4L),
                List.of(micros(ago(40, 0)), micros(ago(40, 0)), micros(ago(3, 0)), micros(ago(1, 0)))));
        List<Object[]> ratings = List.of(
                row(ago(30, 5), 1, "m1", 4), row(ago(30, 6), 2, "m3", 2), row(ago(8, 5), 1, "m2", 3),
                row(ago(2, 5), 3, "m1", 5), row(NOW.minus(Duration.ofMinutes(55)), 4, "m4", 2),
                row(NOW.minus(Duration.ofMinutes(50)), 5, "m2", 3));
        w.addAll(ratings(ratings));
        w.add(predictions(
                row(ago(30, 5), 1, "m1", 4.0, 3.5, "v1", "control"),
                row(ago(30, 6), 2, "m3", 2.0, 3.25, "v2", "treatment"),
                row(ago(8, 5), 1, "m2", 3.0, 4.5, "v1", "control"),
                row(ago(2, 5), 3, "m1", 5.0, 4.0, "v2", "treatment"),
                row(NOW.minus(Duration.ofMinutes(55)), 4, "m4", 2.0, 2.5, "v1", "control"),
                row(NOW.minus(Duration.ofMinutes(50)), 5, "m2", 3.0, null, null, null)));
        w.add(experimentPredictions(
                row(ago(30, 5), 1, "m1", 4.0, "control", "control", "v1", 3.5),
                row(ago(30, 5), 1, "m1", 4.0, "control", "treatment", "v2", 3.0),
                row(ago(30, 6), 2, "m3", 2.0, "treatment", "control", "v1", 2.5),
                row(ago(30, 6), 2, "m3", 2.0, "treatment", "treatment", "v2", 3.25),
                row(ago(2, 5), 3, "m1", 5.0, "treatment", "control", "v1", 4.5),
                row(ago(2, 5), 3, "m1", 5.0, "treatment", "treatment", "v2", null),
                row(NOW.minus(Duration.ofMinutes(55)), 4, "m4", 2.0, "control", "control", "v1", 2.5),
                row(NOW.minus(Duration.ofMinutes(55)), 4, "m4", 2.0, "control", "treatment", "v2", 2.25)));
        w.add(watches(row(1, "m2", ago(8, 10), ago(8, 15), "{[0,6)}", 6, 5),
                row(3, "m5", ago(2, 20), ago(2, 22), "{[0,3)}", 3, 2)));
        // last_at is the writer's now(): the test's NOW on both paths, which run some seconds apart.
        w.add(bind(BatchWriter.UPSERT_DEAD_LETTERS.replace("now()", SqlLiterals.literal(NOW)),
                List.of("movielog", "recsys.served"), List.of("unparseable", "invalid_json"), List.of(3L, 1L)));

        // The policies as the scheduler runs them: materialise (V4's window), then compress chunks older than 7 days.
        w.add("CALL run_policies('policy_refresh_continuous_aggregate')");
        w.add("CALL run_policies('policy_compression')");

        // Round 2: late rows below the watermark, into compressed chunks too; a duplicate; a real-time row.
        w.add(served(row(ago(30, 20), "r6", 2, "treatment", "v2", "m5", 9.5, 200, false),
                row(ago(30, 0), "r1", 1, "control", "v1", "m1,m2", 12.5, 200, false)));
        w.add(requests(row(ago(30, 0), 1, "edge-1", 200, "m1,m2", 12, null, 11L),
                row(ago(8, 30), 2, "edge-1", 200, "m3", 7, null, 13L)));
        List<Object[]> late = List.of(
                row(ago(30, 25), 2, "m5", 1), row(ago(8, 40), 3, "m5", 4), row(ago(30, 5), 1, "m1", 4),
                row(NOW.minus(Duration.ofMinutes(15)), 4, "m2", 5), row(NOW.minus(Duration.ofMinutes(1)), 1, "m3", 3),
                row(ago(6, 0), 1, "m5", 3), row(ago(6, 1), 3, "m3", 3));
        w.addAll(ratings(late));
        w.add(predictions(
                row(ago(30, 25), 2, "m5", 1.0, 2.75, "v2", "treatment"),
                row(ago(8, 40), 3, "m5", 4.0, 3.0, "v2", "treatment"),
                row(ago(30, 5), 1, "m1", 4.0, 3.5, "v1", "control"),
                row(NOW.minus(Duration.ofMinutes(15)), 4, "m2", 5.0, 4.25, "v1", "control"),
                row(NOW.minus(Duration.ofMinutes(1)), 1, "m3", 3.0, 3.5, "v1", "control"),
                row(ago(6, 0), 1, "m5", 3.0, 3.75, "v1", "control"),
                row(ago(6, 1), 3, "m3", 3.0, 2.5, "v2", "treatment")));
        w.add(experimentPredictions(
                row(ago(30, 25), 2, "m5", 1.0, "treatment", "control", "v1", 2.0),
                row(ago(30, 25), 2, "m5", 1.0, "treatment", "treatment", "v2", 2.75),
                row(ago(30, 5), 1, "m1", 4.0, "control", "control", "v1", 3.5),
                row(ago(30, 5), 1, "m1", 4.0, "control", "treatment", "v2", 3.0),
                row(NOW.minus(Duration.ofMinutes(15)), 4, "m2", 5.0, "control", "control", "v1", 4.25),
                row(NOW.minus(Duration.ofMinutes(15)), 4, "m2", 5.0, "control", "treatment", "v2", 4.5)));
        w.add(watches(row(2, "m5", ago(30, 40), ago(30, 45), "{[0,4)}", 4, 3),
                row(1, "m2", ago(8, 12), ago(8, 20), "{[3,9)}", 6, 8)));
        w.add(bind(BatchWriter.WATCH_THROUGH_FROM_WATCHES, List.of(2L, 1L), List.of("m5", "m2"),
                List.of(micros(ago(30, 40)), micros(ago(8, 12))), WINDOW_MICROS));
        w.add(bind(BatchWriter.WATCH_THROUGH_FROM_SESSIONS, List.of("r4"), List.of(micros(ago(2, 0))), List.of(3L),
                List.of("m1,m5"), WINDOW_MICROS, WINDOW_MICROS));

        w.add("CALL run_policies('policy_refresh_continuous_aggregate')");
        return w;
    }

    /** What the readers read: the router's report, the retrain snapshot, and every relation of the dashboards. */
    private static List<Read> reads() {
        Instant since = ago(40, 0);
        List<Read> reads = new ArrayList<>(List.of(
                new Read("online_rmse", "SELECT * FROM online_rmse ORDER BY model_version, experiment, arm", true),
                new Read("online_error_5m",
                        "SELECT * FROM online_error_5m ORDER BY bucket, model_version, experiment, arm", true),
                new Read("watch_through", "SELECT * FROM watch_through ORDER BY experiment, arm, model_version", true),
                new Read("online_predictions", "SELECT * FROM online_predictions ORDER BY time, user_id, movie_id", true),
                new Read("experiment_predictions",
                        "SELECT * FROM experiment_predictions ORDER BY time, user_id, movie_id, arm", true),
                new Read("rating_history", "SELECT * FROM rating_history ORDER BY rated_at, user_id, movie_id", true),
                new Read("ratings", "SELECT * FROM ratings ORDER BY user_id, movie_id", true),
                new Read("served_recommendations",
                        "SELECT * FROM served_recommendations ORDER BY served_at, request_id", true),
                new Read("recommendation_requests",
                        "SELECT * FROM recommendation_requests ORDER BY requested_at, user_id, line_hash", true),
                new Read("watch_sessions", "SELECT user_id, movie_id, first_at, last_at, minutes::text AS minutes, "
                        + "minutes_watched, max_minute FROM watch_sessions ORDER BY user_id, movie_id", true),
                new Read("accounts", "SELECT * FROM accounts ORDER BY user_id", true),
                new Read("dead_letter_counts", "SELECT * FROM dead_letter_counts ORDER BY topic, reason", true),
                new Read("router served since 40 days", bind(TelemetryQueries.SERVED, EXPERIMENT, since), false),
                new Read("router errors since 40 days", bind(TelemetryQueries.ERRORS, EXPERIMENT, since), false),
                new Read("router errors since 7 days", bind(TelemetryQueries.ERRORS, EXPERIMENT, ago(7, 0)), false),
                new Read("retrain snapshot", bind(SnapshotStage.QUERY, NOW), true),
                new Read("retrain snapshot's watches", bind(Watches.QUERY, NOW), true)));
        // now() is the test's NOW on both paths (they run some seconds apart): "seconds since the newest rating".
        DashboardSql.portable(NOW).forEach(q -> reads.add(new Read("Grafana " + q.where(),
                q.sql().replace("now()", SqlLiterals.literal(NOW)), false)));
        return reads;
    }

    private static Instant ago(int days, int minutes) {
        return NOW.minus(Duration.ofDays(days)).plus(Duration.ofMinutes(minutes));
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    private static Object[] row(Object... values) {
        return values;
    }

    /** Column {@code k} of {@code rows}, instants as epoch microseconds (what the collector binds). */
    private static List<Object> column(Object[][] rows, int k) {
        return Arrays.stream(rows).map(r -> r[k] instanceof Instant t ? (Object) micros(t) : r[k]).toList();
    }

    private static String served(Object[]... rows) {
        List<Object> experiments = Arrays.stream(rows).map(r -> (Object) EXPERIMENT).toList();
        return bind(BatchWriter.INSERT_SERVED, column(rows, 0), column(rows, 1), column(rows, 2), experiments,
                column(rows, 3), column(rows, 4), column(rows, 5), column(rows, 6), column(rows, 7), column(rows, 8));
    }

    private static String requests(Object[]... rows) {
        return bind(BatchWriter.INSERT_REQUESTS, column(rows, 0), column(rows, 1), column(rows, 2), column(rows, 3),
                column(rows, 4), column(rows, 5), column(rows, 6), column(rows, 7));
    }

    private static List<String> ratings(List<Object[]> list) {
        Object[][] rows = list.toArray(new Object[0][]);
        return List.of(
                bind(BatchWriter.INSERT_RATING_HISTORY, column(rows, 0), column(rows, 1), column(rows, 2), column(rows, 3)),
                bind(BatchWriter.UPSERT_RATINGS, column(rows, 0), column(rows, 1), column(rows, 2), column(rows, 3)));
    }

    private static String predictions(Object[]... rows) {
        List<Object> experiments = Arrays.stream(rows).map(r -> r[5] == null ? null : (Object) EXPERIMENT).toList();
        return bind(BatchWriter.INSERT_PREDICTIONS, column(rows, 0), column(rows, 1), column(rows, 2),
                column(rows, 3), column(rows, 4), column(rows, 5), experiments, column(rows, 6));
    }

    /** Rows of time, user, movie, rating, user's arm, predicting arm, its version and its prediction. */
    private static String experimentPredictions(Object[]... rows) {
        List<Object> experiments = Arrays.stream(rows).map(r -> (Object) EXPERIMENT).toList();
        return bind(BatchWriter.INSERT_EXPERIMENT_PREDICTIONS, column(rows, 0), column(rows, 1), column(rows, 2),
                column(rows, 3), experiments, column(rows, 4), column(rows, 5), column(rows, 6), column(rows, 7));
    }

    private static String watches(Object[]... rows) {
        return bind(BatchWriter.UPSERT_WATCHES, column(rows, 0), column(rows, 1), column(rows, 2), column(rows, 3),
                column(rows, 4), column(rows, 5), column(rows, 6));
    }
}
