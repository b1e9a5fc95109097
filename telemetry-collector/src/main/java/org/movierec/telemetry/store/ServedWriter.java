package org.movierec.telemetry.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.movierec.contracts.events.ServedEvent;
import org.movierec.telemetry.ingest.Batch;

/**
 * Writes {@code served_recommendations}: the batch's served lists, then their watch-through from the sessions
 * already stored (a watch read before its served event).
 */
final class ServedWriter {

    /** The batch's served lists, COPYed here first. */
    static final StagingTable STAGE = new StagingTable("stage_served",
            "t int8, rid text, u int8, e text, a text, v text, it text, l float8, s int4, f bool");

    private static final String INSERT_FROM = """
            INSERT INTO served_recommendations (served_at, request_id, user_id, experiment, arm, model_version, items,
                                                latency_ms, status, fallback)
            SELECT epoch_micros_to_timestamptz(t), rid, u, e, a, v, string_to_array(it, ','), l, s, f
            FROM %s AS x(t, rid, u, e, a, v, it, l, s, f)
            ON CONFLICT DO NOTHING""";

    /** The insert from bound arrays (ops-checks runs it on both database paths); the collector inserts from {@link #STAGE}. */
    static final String INSERT = INSERT_FROM.formatted("""
            unnest(?::int8[], ?::text[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::text[], ?::float8[],
                        ?::int4[], ?::bool[])""");

    static final String INSERT_STAGED = INSERT_FROM.formatted(STAGE.name());

    /**
     * Watch-through of newly served lists from the sessions already stored; the window (µs) twice at the end. From
     * bound arrays, not from {@link #STAGE}: the planner knows an {@code unnest} is small and looks the sessions up
     * by their key, while a temporary table has no statistics and got a hash join over all sessions (measured: 4.7
     * times slower per batch in {@code bench/telemetry.sh}).
     */
    static final String WATCH_THROUGH_FROM_SESSIONS = """
            UPDATE served_recommendations s SET watched_at = m.at, watched_movie = m.movie_id
            FROM (SELECT DISTINCT ON (x.rid, x.t) x.rid, x.t, ws.movie_id,
                         CASE WHEN ws.first_at >= epoch_micros_to_timestamptz(x.t) THEN ws.first_at ELSE ws.last_at END AS at
                  FROM unnest(?::text[], ?::int8[], ?::int8[], ?::text[]) AS x(rid, t, u, it)
                  JOIN watch_sessions ws ON ws.user_id = x.u AND ws.movie_id = ANY (string_to_array(x.it, ','))
                  WHERE ws.first_at BETWEEN epoch_micros_to_timestamptz(x.t) AND epoch_micros_to_timestamptz(x.t + ?)
                     OR ws.last_at BETWEEN epoch_micros_to_timestamptz(x.t) AND epoch_micros_to_timestamptz(x.t + ?)
                  ORDER BY x.rid, x.t, at) m
            WHERE s.request_id = m.rid AND s.served_at = epoch_micros_to_timestamptz(m.t) AND s.watched_at IS NULL""";

    private ServedWriter() {
    }

    /**
     * Inserts {@code served} (once per request and time) and marks those already watched through.
     *
     * @param windowMicros the watch-through window
     * @return served lists marked watched through
     */
    static int write(WriteTransaction tx, List<Batch.ServedRow> served, long windowMicros) throws SQLException {
        int n = served.size();
        String[] rid = new String[n];
        long[] t = new long[n];
        long[] u = new long[n];
        String[] items = new String[n];
        BinaryCopyRows rows = STAGE.rows(n);
        for (int k = 0; k < n; k++) {
            Batch.ServedRow row = served.get(k);
            ServedEvent e = row.event();
            rid[k] = e.requestId();
            t[k] = row.micros();
            u[k] = e.userId();
            items[k] = row.items();
            rows.row().int8(t[k]).text(rid[k]).int8(u[k]).text(e.experiment()).text(e.arm()).text(e.modelVersion())
                    .text(items[k]).float8(e.latencyMs()).int4(e.status()).bool(e.fallback());
        }
        tx.copy("served_copy", STAGE, rows);
        try (PreparedStatement st = tx.prepare(INSERT_STAGED)) {
            tx.update("served", st);
        }
        try (PreparedStatement st = tx.prepare(WATCH_THROUGH_FROM_SESSIONS, "text", rid, "int8", t, "int8", u,
                "text", items)) {
            st.setLong(5, windowMicros);
            st.setLong(6, windowMicros);
            return tx.update("watch_through_sessions", st);
        }
    }
}
