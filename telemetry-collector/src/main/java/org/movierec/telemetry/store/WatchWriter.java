package org.movierec.telemetry.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.movierec.telemetry.ingest.Batch;

/**
 * Writes a batch's watches: {@code watch_sessions} (merged per user and movie by {@link WatchSessions}), then the
 * watch-through they give to {@code served_recommendations}: served lists of the user within the window before
 * the watch.
 */
final class WatchWriter {

    /** Sessions merged with this batch's. */
    static final String UPSERT_SESSIONS = """
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

    /** Watch-through from this batch's watches; the window (µs) at the end. */
    static final String WATCH_THROUGH_FROM_WATCHES = """
            UPDATE served_recommendations s SET watched_at = w.at, watched_movie = w.m
            FROM (SELECT u, m, epoch_micros_to_timestamptz(min(t)) AS at
                  FROM unnest(?::int8[], ?::text[], ?::int8[]) AS x(u, m, t) GROUP BY u, m) w
            WHERE s.user_id = w.u AND s.served_at <= w.at AND s.served_at >= w.at - ? * INTERVAL '1 microsecond'
              AND s.watched_at IS NULL AND w.m = ANY (s.items)""";

    private WatchWriter() {
    }

    /**
     * Upserts the sessions and marks served lists watched through.
     *
     * @param served this batch's served lists (already written)
     * @param recentlyServed which users were served lately: watches of no such user (nor of this batch's served
     *                       users) are not looked up; null looks every watch up
     * @param windowMicros the watch-through window
     * @return served lists marked watched through
     */
    static int write(WriteTransaction tx, Batch.Watches watches, List<Batch.ServedRow> served,
            RecentlyServed recentlyServed, long windowMicros) throws SQLException {
        long[] u = watches.users();
        String[] m = watches.movies();
        long[] t = watches.micros();
        WatchSessions sessions = WatchSessions.of(u, m, t, watches.minutes());
        try (PreparedStatement st = tx.prepare(UPSERT_SESSIONS, "int8", sessions.users(), "text", sessions.movies(),
                "int8", sessions.first(), "int8", sessions.last(), "text", sessions.minutes(),
                "int4", sessions.counts(), "int4", sessions.maxMinutes())) {
            tx.update("watch_sessions", st);
        }
        if (recentlyServed != null) {
            Map<Long, Long> servedNow = new HashMap<>();
            for (Batch.ServedRow row : served) {
                servedNow.merge(row.userId(), row.micros(), Math::max);
            }
            int n = 0;
            for (int k = 0; k < u.length; k++) {
                Long now = servedNow.get(u[k]);
                if ((now != null && now >= t[k] - windowMicros) || recentlyServed.mayMatch(u[k], t[k])) {
                    u[n] = u[k];
                    m[n] = m[k];
                    t[n] = t[k];
                    n++;
                }
            }
            if (n == 0) {
                return 0;
            }
            u = Arrays.copyOf(u, n);
            m = Arrays.copyOf(m, n);
            t = Arrays.copyOf(t, n);
        }
        try (PreparedStatement st = tx.prepare(WATCH_THROUGH_FROM_WATCHES, "int8", u, "text", m, "int8", t)) {
            st.setLong(4, windowMicros);
            return tx.update("watch_through_watches", st);
        }
    }
}
