package org.movierec.router.report;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.movierec.router.stats.SampleSummary;

/**
 * Read-only queries on the telemetry database per arm of an experiment, since a given time: what was served
 * ({@code served_recommendations}) and the online prediction errors ({@code online_error_moments}, the view the
 * telemetry schema owns: count, Σe, Σe², Σ(e²)² per model version, experiment, arm and event time, so the
 * formula of an error lives there and not here). The database does the aggregation (counts, percentiles,
 * mean and sample variance of the squared errors), so a report reads one row per arm (or one per arm and
 * time bucket for the charts of the HTML report). The per-arm queries are public for ops-checks'
 * {@code TimescalePathTest}, which runs them on the TimescaleDB and the plain path.
 */
@ApplicationScoped
public class TelemetryQueries {

    /** Per arm: users, attempts, answers, errors, fallbacks, watches, latency p50/p99; parameters experiment, since. */
    public static final String SERVED = """
            SELECT arm,
                   count(DISTINCT user_id)                                    AS users,
                   count(*)                                                   AS attempts,
                   count(*) FILTER (WHERE status = 200)                       AS answered,
                   count(*) FILTER (WHERE status >= 500)                      AS errors,
                   count(*) FILTER (WHERE status = 200 AND fallback)          AS fallbacks,
                   count(watched_at) FILTER (WHERE status = 200)              AS watched,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) FILTER (WHERE status = 200)  AS p50,
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms) FILTER (WHERE status = 200) AS p99
            FROM served_recommendations
            WHERE experiment = ? AND served_at >= ? AND arm IS NOT NULL
            GROUP BY arm
            """;

    /**
     * The squared errors' count {@code n}, {@code mean} and sample {@code variance} from the sums of the error
     * moments: (Σe⁴ − (Σe²)²/n)/(n − 1), null for one rating, and never below zero (equal squared errors can leave a
     * rounding residue of either sign).
     */
    private static final String SQUARED_ERROR_SUMMARY = """
                   sum(predictions)::bigint AS n,
                   sum(sum_squared_error) / sum(predictions) AS mean,
                   greatest(sum(sum_squared_error_squared) - sum(sum_squared_error) ^ 2 / sum(predictions), 0)
                       / nullif(sum(predictions) - 1, 0) AS variance
            """;

    /**
     * Per arm: count, mean and sample variance of the squared online errors, from the telemetry schema's error
     * moments; parameters experiment, since.
     */
    public static final String ERRORS = """
            SELECT arm,
            """ + SQUARED_ERROR_SUMMARY + """
            FROM online_error_moments
            WHERE experiment = ? AND time >= ? AND arm IS NOT NULL
            GROUP BY arm
            """;

    /** Per arm and time bucket (width in seconds, the first parameter): answers and watches. */
    private static final String SERVED_BUCKETS = """
            SELECT arm,
                   floor(extract(epoch FROM served_at) / ?)::bigint            AS bucket,
                   count(*) FILTER (WHERE status = 200)                       AS answered,
                   count(watched_at) FILTER (WHERE status = 200)              AS watched
            FROM served_recommendations
            WHERE experiment = ? AND served_at >= ? AND arm IS NOT NULL
            GROUP BY arm, bucket
            ORDER BY bucket, arm
            """;

    /** Per arm and time bucket (width in seconds, the first parameter): the squared errors' moments, as {@link #ERRORS}. */
    private static final String ERROR_BUCKETS = """
            SELECT arm, floor(extract(epoch FROM time) / ?)::bigint AS bucket,
            """ + SQUARED_ERROR_SUMMARY + """
            FROM online_error_moments
            WHERE experiment = ? AND time >= ? AND arm IS NOT NULL
            GROUP BY arm, bucket
            ORDER BY bucket, arm
            """;

    @Inject
    AgroalDataSource dataSource;

    /** The telemetry of each of {@code arms} (empty for an arm without data) since {@code since}. */
    public Map<String, ArmTelemetry> arms(String experiment, List<String> arms, Instant since) {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            return arms(c, experiment, arms, since, null);
        } catch (SQLException e) {
            throw new TelemetryUnavailableException("telemetry database: " + e.getMessage(), e);
        }
    }

    /** {@link #SERVED} up to an end: parameters experiment, since, until (excluded). */
    private static final String SERVED_UNTIL = SERVED.replace("AND served_at >= ?", "AND served_at >= ? AND served_at < ?");

    /** {@link #ERRORS} up to an end: parameters experiment, since, until (excluded). */
    private static final String ERRORS_UNTIL = ERRORS.replace("AND time >= ?", "AND time >= ? AND time < ?");

    /**
     * {@link #arms(String, List, Instant)} on {@code c} (the caller's transaction, e.g. a report's snapshot), with the
     * rows before {@code until} only (null: no end), so that every part of a report covers the same window.
     */
    static Map<String, ArmTelemetry> arms(Connection c, String experiment, List<String> arms, Instant since,
            Instant until) throws SQLException {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, double[]> latencies = new LinkedHashMap<>();
        Map<String, SampleSummary> errors = new LinkedHashMap<>();
        try (PreparedStatement s = prepare(c, until == null ? SERVED : SERVED_UNTIL, experiment, since, until);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                counts.put(r.getString("arm"), new long[] {r.getLong("users"), r.getLong("attempts"),
                    r.getLong("answered"), r.getLong("errors"), r.getLong("fallbacks"), r.getLong("watched")});
                latencies.put(r.getString("arm"), new double[] {number(r, "p50"), number(r, "p99")});
            }
        }
        try (PreparedStatement s = prepare(c, until == null ? ERRORS : ERRORS_UNTIL, experiment, since, until);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                errors.put(r.getString("arm"),
                        SampleSummary.fromMoments(r.getLong("n"), r.getDouble("mean"), number(r, "variance")));
            }
        }
        Map<String, ArmTelemetry> result = new LinkedHashMap<>();
        for (String arm : arms) {
            long[] n = counts.get(arm);
            double[] l = latencies.getOrDefault(arm, new double[] {Double.NaN, Double.NaN});
            SampleSummary e = errors.getOrDefault(arm, SampleSummary.EMPTY);
            result.put(arm, n == null ? new ArmTelemetry(arm, 0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, e)
                    : new ArmTelemetry(arm, n[0], n[1], n[2], n[3], n[4], n[5], l[0], l[1], e));
        }
        return result;
    }

    /**
     * The telemetry of {@code arms} since {@code since} in buckets of {@code width} (aligned to multiples of
     * it since the epoch, as Grafana's {@code $__timeGroup} does), oldest first; buckets without data are
     * absent. Rows of arms not in {@code arms} (none in practice) are left out.
     */
    static List<ArmBucket> buckets(Connection c, String experiment, List<String> arms, Instant since, Duration width)
            throws SQLException {
        long seconds = width.toSeconds();
        if (seconds <= 0) {
            throw new IllegalArgumentException("bucket width must be at least a second, got " + width);
        }
        Map<String, long[]> served = new TreeMap<>();
        Map<String, SampleSummary> errors = new TreeMap<>();
        try (PreparedStatement s = prepareBuckets(c, SERVED_BUCKETS, seconds, experiment, since);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                served.put(key(r.getLong("bucket"), r.getString("arm")),
                        new long[] {r.getLong("answered"), r.getLong("watched")});
            }
        }
        try (PreparedStatement s = prepareBuckets(c, ERROR_BUCKETS, seconds, experiment, since);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                errors.put(key(r.getLong("bucket"), r.getString("arm")),
                        SampleSummary.fromMoments(r.getLong("n"), r.getDouble("mean"), number(r, "variance")));
            }
        }
        Set<String> keys = new TreeSet<>(served.keySet());
        keys.addAll(errors.keySet());
        List<ArmBucket> result = new ArrayList<>();
        for (String k : keys) {
            int slash = k.indexOf('/');
            String arm = k.substring(slash + 1);
            if (arms.contains(arm)) {
                long[] n = served.getOrDefault(k, new long[2]);
                result.add(new ArmBucket(arm, Instant.ofEpochSecond(Long.parseLong(k.substring(0, slash)) * seconds),
                        n[0], n[1], errors.getOrDefault(k, SampleSummary.EMPTY)));
            }
        }
        return result;
    }

    /** A sortable key: the bucket number zero-padded (buckets since 1970 are positive), then the arm. */
    private static String key(long bucket, String arm) {
        return String.format(Locale.ROOT, "%019d/%s", bucket, arm);
    }

    private static PreparedStatement prepareBuckets(Connection c, String sql, long seconds, String experiment,
            Instant since) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        s.setLong(1, seconds);
        s.setString(2, experiment);
        s.setTimestamp(3, Timestamp.from(since));
        return s;
    }

    private static PreparedStatement prepare(Connection c, String sql, String experiment, Instant since, Instant until)
            throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        s.setString(1, experiment);
        s.setTimestamp(2, Timestamp.from(since));
        if (until != null) {
            s.setTimestamp(3, Timestamp.from(until));
        }
        return s;
    }

    static double number(ResultSet r, String column) throws SQLException {
        double value = r.getDouble(column);
        return r.wasNull() ? Double.NaN : value;
    }
}
