package org.movierec.telemetry.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.movierec.telemetry.ingest.Batch;

/**
 * Writes {@code served_recommendations}: the batch's served lists, then their watch-through from the sessions
 * already stored (a watch read before its served event).
 */
final class ServedWriter {

    static final String INSERT = """
            INSERT INTO served_recommendations (served_at, request_id, user_id, experiment, arm, model_version, items,
                                                latency_ms, status, fallback)
            SELECT epoch_micros_to_timestamptz(t), rid, u, e, a, v, string_to_array(it, ','), l, s, f
            FROM unnest(?::int8[], ?::text[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::text[], ?::float8[],
                        ?::int4[], ?::bool[]) AS x(t, rid, u, e, a, v, it, l, s, f)
            ON CONFLICT DO NOTHING""";

    /** Watch-through of newly served lists from the sessions already stored; the window (µs) twice at the end. */
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
            rid[k] = row.requestId();
            u[k] = row.userId();
            e[k] = row.experiment();
            a[k] = row.arm();
            v[k] = row.modelVersion();
            items[k] = row.items();
            l[k] = row.latencyMs();
            s[k] = row.status();
            f[k] = row.fallback();
        }
        try (PreparedStatement st = tx.prepare(INSERT, "int8", t, "text", rid, "int8", u, "text", e, "text", a,
                "text", v, "text", items, "float8", l, "int4", s, "bool", f)) {
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
