package org.movierec.telemetry.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.movierec.core.model.SvdModel;
import org.postgresql.PGConnection;
import org.movierec.telemetry.TelemetryConfig;
import org.movierec.telemetry.ingest.Batch;
import org.movierec.telemetry.quality.ModelCache;

/**
 * Writes a {@link Batch} to PostgreSQL in one transaction: every event table with one set-based statement per
 * table (arrays bound as parameters and {@code unnest}ed: a multi-row insert in one round trip), the online
 * predictions, watch-through, dead-letter counts, and the Kafka positions after the batch. Either all of it is
 * committed or none of it.
 *
 * <p>Positions are fenced: a partition's stored position must still be the one this collector read or last wrote
 * ({@code expected}), otherwise another instance has moved it and the transaction is rolled back
 * ({@link OffsetConflictException}). Every insert is idempotent on the event's own key, and every upsert merges
 * (least/greatest/union), so even a replay outside this protocol would store each event once.
 *
 * <p>The statements that write the telemetry tables are public: ops-checks' {@code TimescalePathTest} runs them on
 * the TimescaleDB path (PGlite) and the plain path and compares what the readers then see.
 */
@ApplicationScoped
public class BatchWriter {

    public static final String INSERT_SERVED = """
            INSERT INTO served_recommendations (served_at, request_id, user_id, experiment, arm, model_version, items,
                                                latency_ms, status, fallback)
            SELECT epoch_micros_to_timestamptz(t), rid, u, e, a, v, string_to_array(it, ','), l, s, f
            FROM unnest(?::int8[], ?::text[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::text[], ?::float8[],
                        ?::int4[], ?::bool[]) AS x(t, rid, u, e, a, v, it, l, s, f)
            ON CONFLICT DO NOTHING""";

    /** Watch-through of newly served lists from the sessions already stored (a watch read before its served event). */
    public static final String WATCH_THROUGH_FROM_SESSIONS = """
            UPDATE served_recommendations s SET watched_at = m.at, watched_movie = m.movie_id
            FROM (SELECT DISTINCT ON (x.rid, x.t) x.rid, x.t, ws.movie_id,
                         CASE WHEN ws.first_at >= epoch_micros_to_timestamptz(x.t) THEN ws.first_at ELSE ws.last_at END AS at
                  FROM unnest(?::text[], ?::int8[], ?::int8[], ?::text[]) AS x(rid, t, u, it)
                  JOIN watch_sessions ws ON ws.user_id = x.u AND ws.movie_id = ANY (string_to_array(x.it, ','))
                  WHERE ws.first_at BETWEEN epoch_micros_to_timestamptz(x.t) AND epoch_micros_to_timestamptz(x.t + ?)
                     OR ws.last_at BETWEEN epoch_micros_to_timestamptz(x.t) AND epoch_micros_to_timestamptz(x.t + ?)
                  ORDER BY x.rid, x.t, at) m
            WHERE s.request_id = m.rid AND s.served_at = epoch_micros_to_timestamptz(m.t) AND s.watched_at IS NULL""";

    public static final String INSERT_REQUESTS = """
            INSERT INTO recommendation_requests (requested_at, user_id, server, status, results, latency_ms, error, line_hash)
            SELECT epoch_micros_to_timestamptz(t), u, sv, st, string_to_array(r, ','), l, e, h
            FROM unnest(?::int8[], ?::int8[], ?::text[], ?::int4[], ?::text[], ?::int4[], ?::text[], ?::int8[])
                 AS x(t, u, sv, st, r, l, e, h)
            ON CONFLICT DO NOTHING""";

    public static final String UPSERT_ACCOUNTS = """
            INSERT INTO accounts AS a (user_id, created_at)
            SELECT u, epoch_micros_to_timestamptz(min(t)) FROM unnest(?::int8[], ?::int8[]) AS x(u, t)
            GROUP BY u ORDER BY u
            ON CONFLICT (user_id) DO UPDATE SET created_at = excluded.created_at WHERE excluded.created_at < a.created_at""";

    public static final String INSERT_RATING_HISTORY = """
            INSERT INTO rating_history (rated_at, user_id, movie_id, rating)
            SELECT epoch_micros_to_timestamptz(t), u, m, r::smallint FROM unnest(?::int8[], ?::int8[], ?::text[], ?::int4[]) AS x(t, u, m, r)
            ON CONFLICT DO NOTHING""";

    public static final String UPSERT_RATINGS = """
            INSERT INTO ratings AS o (user_id, movie_id, rating, rated_at)
            SELECT DISTINCT ON (u, m) u, m, r::smallint, epoch_micros_to_timestamptz(t)
            FROM unnest(?::int8[], ?::int8[], ?::text[], ?::int4[]) AS x(t, u, m, r)
            ORDER BY u, m, t DESC, r DESC
            ON CONFLICT (user_id, movie_id) DO UPDATE SET rating = excluded.rating, rated_at = excluded.rated_at
            WHERE (excluded.rated_at, excluded.rating) > (o.rated_at, o.rating)""";

    /** For each rating, the latest served list of its user at or before the rating's time (this batch's included). */
    static final String SERVING_OF_RATINGS = """
            SELECT x.i, s.model_version, s.experiment, s.arm
            FROM unnest(?::int4[], ?::int8[], ?::int8[]) AS x(i, u, t)
            JOIN LATERAL (SELECT model_version, experiment, arm FROM served_recommendations s
                          WHERE s.user_id = x.u AND s.served_at <= epoch_micros_to_timestamptz(x.t)
                          ORDER BY s.served_at DESC LIMIT 1) s ON true""";

    public static final String INSERT_PREDICTIONS = """
            INSERT INTO online_predictions (time, user_id, movie_id, rating, predicted, model_version, experiment, arm)
            SELECT epoch_micros_to_timestamptz(t), u, m, r, p, v, e, a
            FROM unnest(?::int8[], ?::int8[], ?::text[], ?::float4[], ?::float4[], ?::text[], ?::text[], ?::text[])
                 AS x(t, u, m, r, p, v, e, a)
            ON CONFLICT DO NOTHING""";

    /** Sessions merged with this batch's, folded per user and movie by {@link WatchSessions}. */
    public static final String UPSERT_WATCHES = """
            INSERT INTO watch_sessions AS w (user_id, movie_id, first_at, last_at, minutes, minutes_watched, max_minute)
            SELECT u, m, epoch_micros_to_timestamptz(f), epoch_micros_to_timestamptz(l), mr::int4multirange, n, mx
            FROM unnest(?::int8[], ?::text[], ?::int8[], ?::int8[], ?::text[], ?::int4[], ?::int4[])
                 AS x(u, m, f, l, mr, n, mx)
            ON CONFLICT (user_id, movie_id) DO UPDATE SET
                first_at = least(w.first_at, excluded.first_at),
                last_at = greatest(w.last_at, excluded.last_at),
                minutes = w.minutes + excluded.minutes,
                minutes_watched = CASE WHEN w.minutes && excluded.minutes
                                       THEN multirange_length(w.minutes + excluded.minutes)
                                       ELSE w.minutes_watched + excluded.minutes_watched END,
                max_minute = greatest(w.max_minute, excluded.max_minute)""";

    /** Watch-through from this batch's watches: served lists of the user within the window before the watch. */
    public static final String WATCH_THROUGH_FROM_WATCHES = """
            UPDATE served_recommendations s SET watched_at = w.at, watched_movie = w.m
            FROM (SELECT u, m, epoch_micros_to_timestamptz(min(t)) AS at
                  FROM unnest(?::int8[], ?::text[], ?::int8[]) AS x(u, m, t) GROUP BY u, m) w
            WHERE s.user_id = w.u AND s.served_at <= w.at AND s.served_at >= w.at - ? * INTERVAL '1 microsecond'
              AND s.watched_at IS NULL AND w.m = ANY (s.items)""";

    public static final String UPSERT_DEAD_LETTERS = """
            INSERT INTO dead_letter_counts AS d (topic, reason, count, last_at)
            SELECT topic, reason, n, now() FROM unnest(?::text[], ?::text[], ?::int8[]) AS x(topic, reason, n)
            ON CONFLICT (topic, reason) DO UPDATE SET count = d.count + excluded.count, last_at = excluded.last_at""";

    /** Moves each partition's position from the expected one (or creates it); returns how many moved. */
    static final String STORE_OFFSETS = """
            WITH input AS (SELECT * FROM unnest(?::text[], ?::int4[], ?::int8[], ?::int8[]) AS x(topic, part, expected, next)),
                 moved AS (UPDATE consumer_offsets o SET next_offset = i.next, updated_at = now() FROM input i
                           WHERE o.consumer_group = ? AND o.topic = i.topic AND o.partition = i.part
                             AND i.expected IS NOT NULL AND o.next_offset = i.expected RETURNING 1),
                 created AS (INSERT INTO consumer_offsets (consumer_group, topic, partition, next_offset)
                             SELECT ?, topic, part, next FROM input WHERE expected IS NULL
                             ON CONFLICT DO NOTHING RETURNING 1)
            SELECT (SELECT count(*) FROM moved) + (SELECT count(*) FROM created)""";

    static final String NEWEST_SERVED =
            "SELECT (extract(epoch FROM max(served_at)) * 1000000)::int8 FROM served_recommendations";

    static final String RECENTLY_SERVED = "SELECT user_id, (extract(epoch FROM max(served_at)) * 1000000)::int8 "
            + "FROM served_recommendations WHERE served_at >= epoch_micros_to_timestamptz(?) GROUP BY user_id";

    static final String READ_OFFSETS = "SELECT topic, partition, next_offset FROM consumer_offsets WHERE consumer_group = ?";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TelemetryConfig config;

    @Inject
    ModelCache models;

    @Inject
    CrashPoints crashPoints;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    private final Map<String, io.micrometer.core.instrument.Timer> statementTimers = new java.util.concurrent.ConcurrentHashMap<>();

    /** Runs an update and records its time under {@code telemetry.db.statement{statement=name}}. */
    private int update(String name, PreparedStatement st) throws SQLException {
        long start = System.nanoTime();
        try {
            return st.executeUpdate();
        } finally {
            timer(name).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private io.micrometer.core.instrument.Timer timer(String name) {
        return statementTimers.computeIfAbsent(name, n -> io.micrometer.core.instrument.Timer
                .builder("telemetry.db.statement").tag("statement", n).register(registry));
    }

    /** What a committed batch did, for the counters. */
    public record Outcome(int predicted, int withoutVersion, int modelUnavailable, int watchedThrough) {
    }

    /**
     * The stored positions of {@code group}: topic-partition to the next offset to read.
     */
    public Map<TopicPartition, Long> readOffsets(String group) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(READ_OFFSETS)) {
            q.setString(1, group);
            Map<TopicPartition, Long> offsets = new HashMap<>();
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    offsets.put(new TopicPartition(rows.getString(1), rows.getInt(2)), rows.getLong(3));
                }
            }
            return offsets;
        }
    }

    /** Fills {@code index} with the users served within the window before the newest served list. */
    public void fill(RecentlyServed index) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long newest;
            try (PreparedStatement q = c.prepareStatement(NEWEST_SERVED); ResultSet r = q.executeQuery()) {
                r.next();
                newest = r.getLong(1);
                if (r.wasNull()) {
                    index.clear(Long.MIN_VALUE); // nothing served yet: every served list will pass by
                    return;
                }
            }
            long from = newest - windowMicros();
            index.clear(from);
            try (PreparedStatement q = c.prepareStatement(RECENTLY_SERVED)) {
                q.setLong(1, from);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        index.served(r.getLong(1), r.getLong(2));
                    }
                }
            }
        }
    }

    /**
     * Writes the batch and its positions in one transaction.
     *
     * @param expected the stored position of each partition of the batch as this collector knows it (absent: no row yet)
     * @throws OffsetConflictException if a stored position is not the expected one (rolled back)
     * @throws SQLException if PostgreSQL fails (rolled back, or unknown if the connection broke during commit)
     */
    public Outcome write(Batch batch, String group, Map<TopicPartition, Long> expected) throws SQLException {
        return write(batch, group, expected, null);
    }

    /**
     * As {@link #write(Batch, String, Map)}, looking up watch-through only for watches that {@code recentlyServed}
     * (or this batch's served lists) say may match; null looks every watch up.
     */
    public Outcome write(Batch batch, String group, Map<TopicPartition, Long> expected, RecentlyServed recentlyServed)
            throws SQLException {
        Outcome outcome = new Outcome(0, 0, 0, 0);
        int watchedThrough = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                PGConnection pg = c.unwrap(PGConnection.class);
                if (!batch.served().isEmpty()) {
                    insertServed(c, pg, batch.served());
                    watchedThrough += watchThroughFromSessions(c, pg, batch.served());
                }
                if (!batch.requests().isEmpty()) {
                    insertRequests(c, pg, batch.requests());
                }
                if (!batch.accounts().isEmpty()) {
                    upsertAccounts(c, pg, batch.accounts());
                }
                if (batch.ratings().size() > 0) {
                    outcome = writeRatings(c, pg, batch.ratings());
                }
                if (batch.watches().size() > 0) {
                    watchedThrough += writeWatches(c, pg, batch.watches(), batch.served(), recentlyServed);
                }
                if (!batch.rejectedCounts().isEmpty()) {
                    upsertDeadLetters(c, pg, batch.rejectedCounts());
                }
                storeOffsets(c, pg, group, batch.nextOffsets(), expected);
                crashPoints.reach(CrashPoints.Point.BEFORE_COMMIT);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
        crashPoints.reach(CrashPoints.Point.AFTER_COMMIT);
        return new Outcome(outcome.predicted(), outcome.withoutVersion(), outcome.modelUnavailable(),
                watchedThrough);
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void insertServed(Connection c, PGConnection pg, List<Batch.ServedRow> served) throws SQLException {
        int n = served.size();
        long[] t = new long[n];
        String[] rid = new String[n];
        long[] u = new long[n];
        String[] e = new String[n];
        String[] a = new String[n];
        String[] v = new String[n];
        String[] items = new String[n];
        double[] l = new double[n];
        int[] s = new int[n];
        boolean[] f = new boolean[n];
        for (int k = 0; k < n; k++) {
            Batch.ServedRow row = served.get(k);
            t[k] = row.micros();
            rid[k] = row.event().requestId();
            u[k] = row.event().userId();
            e[k] = row.event().experiment();
            a[k] = row.event().arm();
            v[k] = row.event().modelVersion();
            items[k] = row.items();
            l[k] = row.event().latencyMs();
            s[k] = row.event().status();
            f[k] = row.event().fallback();
        }
        try (PreparedStatement st = c.prepareStatement(INSERT_SERVED)) {
            bind(st, pg, "int8", t, "text", rid, "int8", u, "text", e, "text", a, "text", v, "text", items,
                    "float8", l, "int4", s, "bool", f);
            update("served", st);
        }
    }

    private int watchThroughFromSessions(Connection c, PGConnection pg, List<Batch.ServedRow> served) throws SQLException {
        int n = served.size();
        String[] rid = new String[n];
        long[] t = new long[n];
        long[] u = new long[n];
        String[] items = new String[n];
        for (int k = 0; k < n; k++) {
            Batch.ServedRow row = served.get(k);
            rid[k] = row.event().requestId();
            t[k] = row.micros();
            u[k] = row.event().userId();
            items[k] = row.items();
        }
        try (PreparedStatement st = c.prepareStatement(WATCH_THROUGH_FROM_SESSIONS)) {
            bind(st, pg, "text", rid, "int8", t, "int8", u, "text", items);
            long window = windowMicros();
            st.setLong(5, window);
            st.setLong(6, window);
            return update("watch_through_sessions", st);
        }
    }

    private void insertRequests(Connection c, PGConnection pg, List<Batch.RequestRow> requests) throws SQLException {
        int n = requests.size();
        long[] t = new long[n];
        long[] u = new long[n];
        String[] server = new String[n];
        int[] status = new int[n];
        String[] results = new String[n];
        int[] latency = new int[n];
        String[] error = new String[n];
        long[] hash = new long[n];
        for (int k = 0; k < n; k++) {
            Batch.RequestRow row = requests.get(k);
            t[k] = row.micros();
            u[k] = row.userId();
            server[k] = row.server();
            status[k] = row.status();
            results[k] = row.results();
            latency[k] = row.latencyMs();
            error[k] = row.error();
            hash[k] = row.lineHash();
        }
        try (PreparedStatement st = c.prepareStatement(INSERT_REQUESTS)) {
            bind(st, pg, "int8", t, "int8", u, "text", server, "int4", status, "text", results, "int4", latency,
                    "text", error, "int8", hash);
            update("requests", st);
        }
    }

    private void upsertAccounts(Connection c, PGConnection pg, List<Batch.AccountRow> accounts) throws SQLException {
        int n = accounts.size();
        long[] u = new long[n];
        long[] t = new long[n];
        for (int k = 0; k < n; k++) {
            u[k] = accounts.get(k).userId();
            t[k] = accounts.get(k).micros();
        }
        try (PreparedStatement st = c.prepareStatement(UPSERT_ACCOUNTS)) {
            bind(st, pg, "int8", u, "int8", t);
            update("accounts", st);
        }
    }

    private Outcome writeRatings(Connection c, PGConnection pg, Batch.Ratings ratings) throws SQLException {
        long[] t = ratings.micros();
        long[] u = ratings.users();
        String[] m = ratings.movies();
        int[] r = ratings.ratings();
        try (PreparedStatement st = c.prepareStatement(INSERT_RATING_HISTORY)) {
            bind(st, pg, "int8", t, "int8", u, "text", m, "int4", r);
            update("rating_history", st);
        }
        try (PreparedStatement st = c.prepareStatement(UPSERT_RATINGS)) {
            bind(st, pg, "int8", t, "int8", u, "text", m, "int4", r);
            update("ratings", st);
        }

        int n = ratings.size();
        String[] version = new String[n];
        String[] experiment = new String[n];
        String[] arm = new String[n];
        int[] index = new int[n];
        for (int k = 0; k < n; k++) {
            index[k] = k;
        }
        try (PreparedStatement st = c.prepareStatement(SERVING_OF_RATINGS)) {
            bind(st, pg, "int4", index, "int8", u, "int8", t);
            try (ResultSet rows = st.executeQuery()) {
                while (rows.next()) {
                    int k = rows.getInt(1);
                    version[k] = rows.getString(2);
                    experiment[k] = rows.getString(3);
                    arm[k] = rows.getString(4);
                }
            }
        }

        Float[] predicted = new Float[n];
        float[] rating = new float[n];
        int withPrediction = 0;
        int withoutVersion = 0;
        int unavailable = 0;
        Map<String, Optional<SvdModel>> byVersion = new HashMap<>();
        for (int k = 0; k < n; k++) {
            rating[k] = r[k];
            if (version[k] == null) {
                withoutVersion++;
                continue;
            }
            Optional<SvdModel> model = byVersion.computeIfAbsent(version[k], models::model);
            if (model.isEmpty()) {
                unavailable++;
                continue;
            }
            predicted[k] = (float) model.get().predict(Long.toString(u[k]), m[k]);
            withPrediction++;
        }
        try (PreparedStatement st = c.prepareStatement(INSERT_PREDICTIONS)) {
            bind(st, pg, "int8", t, "int8", u, "text", m, "float4", rating, "float4", predicted, "text", version,
                    "text", experiment, "text", arm);
            update("predictions", st);
        }
        return new Outcome(withPrediction, withoutVersion, unavailable, 0);
    }

    private int writeWatches(Connection c, PGConnection pg, Batch.Watches watches, List<Batch.ServedRow> served,
            RecentlyServed recentlyServed) throws SQLException {
        long[] u = watches.users();
        String[] m = watches.movies();
        long[] t = watches.micros();
        int[] minute = watches.minutes();
        WatchSessions sessions = WatchSessions.of(u, m, t, minute);
        try (PreparedStatement st = c.prepareStatement(UPSERT_WATCHES)) {
            bind(st, pg, "int8", sessions.users(), "text", sessions.movies(), "int8", sessions.first(),
                    "int8", sessions.last(), "text", sessions.minutes(), "int4", sessions.counts(),
                    "int4", sessions.maxMinutes());
            update("watch_sessions", st);
        }
        if (recentlyServed != null) {
            Map<Long, Long> servedNow = new HashMap<>();
            for (Batch.ServedRow row : served) {
                servedNow.merge(row.event().userId(), row.micros(), Math::max);
            }
            long window = windowMicros();
            int n = 0;
            for (int k = 0; k < u.length; k++) {
                Long now = servedNow.get(u[k]);
                if ((now != null && now >= t[k] - window) || recentlyServed.mayMatch(u[k], t[k])) {
                    u[n] = u[k];
                    m[n] = m[k];
                    t[n] = t[k];
                    n++;
                }
            }
            if (n == 0) {
                return 0;
            }
            u = java.util.Arrays.copyOf(u, n);
            m = java.util.Arrays.copyOf(m, n);
            t = java.util.Arrays.copyOf(t, n);
        }
        try (PreparedStatement st = c.prepareStatement(WATCH_THROUGH_FROM_WATCHES)) {
            bind(st, pg, "int8", u, "text", m, "int8", t);
            st.setLong(4, windowMicros());
            return update("watch_through_watches", st);
        }
    }

    private void upsertDeadLetters(Connection c, PGConnection pg, Map<String, Map<String, Long>> counts) throws SQLException {
        List<String> topics = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<Long> n = new ArrayList<>();
        counts.forEach((topic, byReason) -> byReason.forEach((reason, count) -> {
            topics.add(topic);
            reasons.add(reason);
            n.add(count);
        }));
        try (PreparedStatement st = c.prepareStatement(UPSERT_DEAD_LETTERS)) {
            bind(st, pg, "text", topics.toArray(new String[0]), "text", reasons.toArray(new String[0]),
                    "int8", n.toArray(new Long[0]));
            update("dead_letters", st);
        }
    }

    private static void storeOffsets(Connection c, PGConnection pg, String group, Map<TopicPartition, Long> next,
            Map<TopicPartition, Long> expected) throws SQLException {
        int n = next.size();
        String[] topic = new String[n];
        int[] partition = new int[n];
        Long[] from = new Long[n];
        long[] to = new long[n];
        int k = 0;
        for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
            topic[k] = e.getKey().topic();
            partition[k] = e.getKey().partition();
            from[k] = expected.get(e.getKey());
            to[k] = e.getValue();
            k++;
        }
        try (PreparedStatement st = c.prepareStatement(STORE_OFFSETS)) {
            bind(st, pg, "text", topic, "int4", partition, "int8", from, "int8", to);
            st.setString(5, group);
            st.setString(6, group);
            try (ResultSet rows = st.executeQuery()) {
                rows.next();
                long moved = rows.getLong(1);
                if (moved != n) {
                    throw new OffsetConflictException("stored positions of group " + group + " moved under this collector: "
                            + moved + " of " + n + " partitions as expected " + expected + " -> " + next);
                }
            }
        }
    }

    private long windowMicros() {
        return config.online().watchThroughWindow().toNanos() / 1000;
    }

    /** Binds arrays to the first parameters: pairs of (element type, Java array). */
    private static void bind(PreparedStatement st, PGConnection pg, Object... typesAndArrays) throws SQLException {
        for (int k = 0; k < typesAndArrays.length; k += 2) {
            Array array = pg.createArrayOf((String) typesAndArrays[k], typesAndArrays[k + 1]);
            st.setArray(k / 2 + 1, array);
        }
    }
}
