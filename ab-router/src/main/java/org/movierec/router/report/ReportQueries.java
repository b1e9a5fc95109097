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
import java.util.Map;
import java.util.TreeSet;
import org.movierec.router.experiments.ArmSpec;
import org.movierec.router.experiments.Experiment;
import org.movierec.router.experiments.WeightPeriod;
import org.movierec.router.stats.PairedTotals;
import org.movierec.router.stats.UserTotals;

/**
 * Everything one report reads, in ONE read-only REPEATABLE READ transaction, so that every count of a report
 * comes from the same snapshot of the telemetry database (two statements in autocommit mode each see their own
 * snapshot: under live traffic a table and its sample-ratio check disagreed by a user).
 *
 * <p>The analysis is by assignment (intention-to-treat): a served event carries the user's assigned arm whatever
 * version answered (a retry on control, a fallback), so every row of a user counts in the arm the user was
 * randomised to; rows answered by another version than the arm's are counted apart ({@link ArmExposure}).
 *
 * <p>The user is the randomisation unit, so the metrics are read as per-user sums ({@link UserTotals}): for each
 * user Y (numerator) and N (denominator), summed with their squares and products, from which the report computes
 * user-level (delta-method) variances. One query per metric; the per-user rows never leave the database.
 */
@ApplicationScoped
public class ReportQueries {

    /**
     * Per arm, the sums over users of a per-user (y, n, x) relation given as the inner query (columns arm, period,
     * user_id, y, n, x).
     */
    private static final String USER_TOTALS = """
            SELECT arm, period, count(*) AS users,
                   sum(y) AS sum_y, sum(n) AS sum_n, sum(y * y) AS sum_yy, sum(n * n) AS sum_nn, sum(y * n) AS sum_yn,
                   sum(x) AS sum_x, sum(x * x) AS sum_xx, sum(x * y) AS sum_xy, sum(x * n) AS sum_xn
            FROM (%s) AS per_user
            GROUP BY arm, period
            ORDER BY period, arm
            """;

    /**
     * Per user: answers served before the watch window's cut-off (n) and those of them watched through (y); x is
     * the user's watch-through in the pre-experiment period (CUPED's covariate), the pooled pre-period mean for a
     * user without one, 0 when nobody has one. Parameters: period width in seconds (0: one period), cut-off twice,
     * experiment, from, to, pre-period start, from.
     */
    private static final String WATCH_THROUGH_PER_USER = """
            WITH per_user AS (
                SELECT arm, CASE WHEN ?::bigint > 0 THEN floor(extract(epoch FROM served_at) / ?::bigint)::bigint
                                 ELSE 0 END AS period, user_id,
                       count(watched_at) FILTER (WHERE status = 200 AND served_at < ?)::float8 AS y,
                       count(*) FILTER (WHERE status = 200 AND served_at < ?)::float8 AS n
                FROM served_recommendations
                WHERE experiment = ? AND arm IS NOT NULL AND served_at >= ? AND served_at < ?
                GROUP BY arm, period, user_id),
            pre AS (
                SELECT user_id, count(watched_at)::float8 / count(*) AS x
                FROM served_recommendations
                WHERE status = 200 AND served_at >= ? AND served_at < ?
                  AND user_id IN (SELECT user_id FROM per_user)
                GROUP BY user_id)
            SELECT p.arm, p.period, p.user_id, p.y, p.n, coalesce(pre.x, (SELECT avg(x) FROM pre), 0) AS x
            FROM per_user p LEFT JOIN pre USING (user_id)
            """;

    /**
     * Per user: attempts (n) and failed ones (y, status ≥ 500; a 404 of a version not loaded yet is an exposure
     * problem, not an error of the arm). Parameters: period width twice, experiment, from, to.
     */
    private static final String ERRORS_PER_USER = """
            SELECT arm, CASE WHEN ?::bigint > 0 THEN floor(extract(epoch FROM served_at) / ?::bigint)::bigint
                             ELSE 0 END AS period, user_id,
                   count(*) FILTER (WHERE status >= 500)::float8 AS y, count(*)::float8 AS n, 0::float8 AS x
            FROM served_recommendations
            WHERE experiment = ? AND arm IS NOT NULL AND served_at >= ? AND served_at < ?
            GROUP BY arm, period, user_id
            """;

    /**
     * Per user: the squared online errors' sum (y) and count (n) of the user's rated predictions (the prediction of
     * the version that served the user; the schema's {@code online_errors} view defines the error). Parameters:
     * period width twice, experiment, from, to.
     */
    private static final String SQUARED_ERRORS_PER_USER = """
            SELECT arm, CASE WHEN ?::bigint > 0 THEN floor(extract(epoch FROM time) / ?::bigint)::bigint
                             ELSE 0 END AS period, user_id,
                   sum(error ^ 2) AS y, count(*)::float8 AS n, 0::float8 AS x
            FROM online_errors
            WHERE experiment = ? AND arm IS NOT NULL AND time >= ? AND time < ?
            GROUP BY arm, period, user_id
            """;

    /**
     * The paired comparison's per-user sums: every rating of the experiment's users (both arms') predicted by the
     * treatment arm's version (a: its squared errors) and by control's (b), m ratings predicted by both (the schema's
     * {@code experiment_errors} view defines the error). Parameters: experiment, treatment arm, control arm, from, to.
     */
    private static final String PAIRED = """
            SELECT count(*) AS users, coalesce(sum(a), 0) AS sum_a, coalesce(sum(b), 0) AS sum_b,
                   coalesce(sum(m), 0) AS sum_m, coalesce(sum(a * a), 0) AS sum_aa, coalesce(sum(b * b), 0) AS sum_bb,
                   coalesce(sum(m * m), 0) AS sum_mm, coalesce(sum(a * b), 0) AS sum_ab,
                   coalesce(sum(a * m), 0) AS sum_am, coalesce(sum(b * m), 0) AS sum_bm
            FROM (SELECT t.user_id, sum(t.error ^ 2) AS a, sum(c.error ^ 2) AS b, count(*)::float8 AS m
                  FROM experiment_errors t
                  JOIN experiment_errors c
                    ON c.experiment = t.experiment AND c.user_id = t.user_id AND c.movie_id = t.movie_id
                   AND c.time = t.time AND c.rating = t.rating
                  WHERE t.experiment = ? AND t.arm = ? AND c.arm = ? AND t.time >= ? AND t.time < ?
                  GROUP BY t.user_id) AS per_user
            """;

    /**
     * Per arm: answers by another version than the arm's (not the popularity fallback), and their users.
     * Parameters: arm names, their versions, experiment, from, to.
     */
    private static final String EXPOSURE = """
            SELECT s.arm,
                   count(*) AS answers,
                   count(DISTINCT s.user_id) AS users
            FROM served_recommendations s
            JOIN unnest(?::text[], ?::text[]) AS a(arm, version) ON a.arm = s.arm
            WHERE s.experiment = ? AND s.served_at >= ? AND s.served_at < ? AND s.status = 200 AND NOT s.fallback
              AND s.model_version IS DISTINCT FROM a.version
            GROUP BY s.arm
            """;

    /** Users seen in more than one arm (0 by construction when events carry the assigned arm). */
    private static final String USERS_IN_SEVERAL_ARMS = """
            SELECT count(*) FROM (SELECT user_id FROM served_recommendations
                                  WHERE experiment = ? AND arm IS NOT NULL AND served_at >= ? AND served_at < ?
                                  GROUP BY user_id HAVING count(DISTINCT arm) > 1) AS several
            """;

    /** Distinct users per arm in [from, to). Parameters: experiment, from, to. */
    private static final String USERS = """
            SELECT arm, count(DISTINCT user_id) AS users FROM served_recommendations
            WHERE experiment = ? AND arm IS NOT NULL AND served_at >= ? AND served_at < ?
            GROUP BY arm
            """;

    @Inject
    AgroalDataSource dataSource;

    /**
     * What the report of {@code e} reads, as of one snapshot.
     *
     * @param now the report's time: the end of its window (the experiment's end if it ended)
     * @param watchWindow the collector's watch-through window: answers served later than {@code now − window} are
     *     left out of watch-through (their watches may still come)
     * @param prePeriod how far before the start the CUPED covariate looks
     * @param bucketWidth the width of the timeline's buckets
     */
    public ReportSnapshot read(Experiment e, Instant now, Duration watchWindow, Duration prePeriod, Duration bucketWidth) {
        Instant from = e.countedFrom();
        Instant to = e.endedAt() != null && e.endedAt().isBefore(now) ? e.endedAt() : now;
        if (to.isBefore(from)) {
            to = from;
        }
        Instant cutoff = now.minus(watchWindow);
        List<String> arms = e.arms().stream().map(ArmSpec::name).toList();
        String control = e.controlArm().name();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                Map<String, ArmTelemetry> telemetry = TelemetryQueries.arms(c, e.id(), arms, from, to);
                Map<String, ArmExposure> exposure = exposure(c, e, from, to);
                long several = usersInSeveralArms(c, e.id(), from, to);
                Instant preFrom = from.minus(prePeriod);
                Map<String, UserTotals> watch = one(totals(c, WATCH_THROUGH_PER_USER, 0,
                        cutoff, cutoff, e.id(), from, to, preFrom, from));
                Map<String, UserTotals> errors = one(totals(c, ERRORS_PER_USER, 0, e.id(), from, to));
                Map<String, UserTotals> squared = one(totals(c, SQUARED_ERRORS_PER_USER, 0, e.id(), from, to));
                Map<String, PairedTotals> paired = new LinkedHashMap<>();
                for (String arm : arms) {
                    if (!arm.equals(control)) {
                        paired.put(arm, paired(c, e.id(), arm, control, from, to));
                    }
                }
                List<PeriodSnapshot> periods = new ArrayList<>();
                List<WeightPeriod> weightPeriods = e.weightPeriods();
                for (int i = 0; i < weightPeriods.size(); i++) {
                    WeightPeriod p = weightPeriods.get(i);
                    Instant pFrom = p.since().isAfter(from) ? p.since() : from;
                    Instant pTo = i + 1 < weightPeriods.size() ? weightPeriods.get(i + 1).since() : to;
                    if (!pTo.isAfter(pFrom)) {
                        continue;
                    }
                    periods.add(new PeriodSnapshot(p, pFrom, pTo, users(c, e.id(), pFrom, pTo),
                            one(totals(c, WATCH_THROUGH_PER_USER, 0, cutoff, cutoff, e.id(), pFrom, pTo,
                                    pFrom.minus(prePeriod), pFrom)),
                            one(totals(c, SQUARED_ERRORS_PER_USER, 0, e.id(), pFrom, pTo))));
                }
                long width = bucketWidth.toSeconds();
                Map<Long, Map<String, UserTotals>> watchBuckets = totals(c, WATCH_THROUGH_PER_USER, width,
                        cutoff, cutoff, e.id(), from, to, preFrom, from);
                Map<Long, Map<String, UserTotals>> errorBuckets = totals(c, SQUARED_ERRORS_PER_USER, width,
                        e.id(), from, to);
                List<BucketSnapshot> buckets = new ArrayList<>();
                TreeSet<Long> keys = new TreeSet<>(watchBuckets.keySet());
                keys.addAll(errorBuckets.keySet());
                for (long k : keys) {
                    buckets.add(new BucketSnapshot(Instant.ofEpochSecond(k * width),
                            watchBuckets.getOrDefault(k, Map.of()), errorBuckets.getOrDefault(k, Map.of())));
                }
                List<ArmBucket> timeline = TelemetryQueries.buckets(c, e.id(), arms, from, bucketWidth);
                c.commit();
                return new ReportSnapshot(from, to, cutoff, telemetry, exposure, several, watch, errors, squared,
                        paired, periods, buckets, timeline);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException ex) {
            throw new TelemetryUnavailableException("telemetry database: " + ex.getMessage(), ex);
        }
    }

    /**
     * Both arms' versions' squared errors on the same ratings of {@code experiment} in [from, to) ({@code arm} as
     * treatment), per-user sums; the canary's paired evidence. One statement, its own snapshot.
     */
    public PairedTotals paired(String experiment, String arm, String control, Instant from, Instant to) {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            return paired(c, experiment, arm, control, from, to);
        } catch (SQLException ex) {
            throw new TelemetryUnavailableException("telemetry database: " + ex.getMessage(), ex);
        }
    }

    /** The per-arm totals of the only period (period width 0). */
    private static Map<String, UserTotals> one(Map<Long, Map<String, UserTotals>> byPeriod) {
        return byPeriod.isEmpty() ? Map.of() : byPeriod.values().iterator().next();
    }

    /** Per period (bucket number, 0 without buckets) and arm, the user totals of {@code perUser}. */
    private static Map<Long, Map<String, UserTotals>> totals(Connection c, String perUser, long width,
            Object... parameters) throws SQLException {
        Object[] all = new Object[parameters.length + 2];
        all[0] = width;
        all[1] = width;
        System.arraycopy(parameters, 0, all, 2, parameters.length);
        Map<Long, Map<String, UserTotals>> result = new LinkedHashMap<>();
        try (PreparedStatement s = prepare(c, USER_TOTALS.formatted(perUser), all); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                result.computeIfAbsent(r.getLong("period"), k -> new LinkedHashMap<>()).put(r.getString("arm"),
                        new UserTotals(r.getLong("users"), r.getDouble("sum_y"), r.getDouble("sum_n"),
                                r.getDouble("sum_yy"), r.getDouble("sum_nn"), r.getDouble("sum_yn"),
                                r.getDouble("sum_x"), r.getDouble("sum_xx"), r.getDouble("sum_xy"),
                                r.getDouble("sum_xn")));
            }
        }
        return result;
    }

    private static PairedTotals paired(Connection c, String experiment, String arm, String control, Instant from,
            Instant to) throws SQLException {
        try (PreparedStatement s = prepare(c, PAIRED, experiment, arm, control, from, to);
                ResultSet r = s.executeQuery()) {
            r.next();
            return new PairedTotals(r.getLong("users"), r.getDouble("sum_a"), r.getDouble("sum_b"),
                    r.getDouble("sum_m"), r.getDouble("sum_aa"), r.getDouble("sum_bb"), r.getDouble("sum_mm"),
                    r.getDouble("sum_ab"), r.getDouble("sum_am"), r.getDouble("sum_bm"));
        }
    }

    private static Map<String, ArmExposure> exposure(Connection c, Experiment e, Instant from, Instant to)
            throws SQLException {
        String[] names = e.arms().stream().map(ArmSpec::name).toArray(String[]::new);
        String[] versions = e.arms().stream().map(ArmSpec::modelVersion).toArray(String[]::new);
        Map<String, ArmExposure> result = new LinkedHashMap<>();
        for (String arm : names) {
            result.put(arm, new ArmExposure(0, 0));
        }
        try (PreparedStatement s = c.prepareStatement(EXPOSURE)) {
            s.setArray(1, c.createArrayOf("text", names));
            s.setArray(2, c.createArrayOf("text", versions));
            s.setString(3, e.id());
            s.setTimestamp(4, Timestamp.from(from));
            s.setTimestamp(5, Timestamp.from(to));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.put(r.getString("arm"), new ArmExposure(r.getLong("answers"), r.getLong("users")));
                }
            }
        }
        return result;
    }

    private static long usersInSeveralArms(Connection c, String experiment, Instant from, Instant to)
            throws SQLException {
        try (PreparedStatement s = prepare(c, USERS_IN_SEVERAL_ARMS, experiment, from, to); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Map<String, Long> users(Connection c, String experiment, Instant from, Instant to)
            throws SQLException {
        Map<String, Long> users = new LinkedHashMap<>();
        try (PreparedStatement s = prepare(c, USERS, experiment, from, to); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                users.put(r.getString("arm"), r.getLong("users"));
            }
        }
        return users;
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            Object p = parameters[i];
            if (p instanceof Instant instant) {
                s.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (p instanceof Long l) {
                s.setLong(i + 1, l);
            } else {
                s.setString(i + 1, (String) p);
            }
        }
        return s;
    }
}
