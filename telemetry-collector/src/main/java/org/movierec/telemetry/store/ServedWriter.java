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

    private static final String WATCH_THROUGH_FROM = """
            UPDATE served_recommendations s SET watched_at = m.at, watched_movie = m.movie_id
            FROM (SELECT DISTINCT ON (x.rid, x.t) x.rid, x.t, ws.movie_id,
                         CASE WHEN ws.first_at >= epoch_micros_to_timestamptz(x.t) THEN ws.first_at ELSE ws.last_at END AS at
                  FROM %s AS x(rid, t, u, it)
                  JOIN watch_sessions ws ON ws.user_id = x.u AND ws.movie_id = ANY (string_to_array(x.it, ','))
                  WHERE ws.first_at BETWEEN epoch_micros_to_timestamptz(x.t) AND epoch_micros_to_timestamptz(x.t + ?)
                     OR ws.last_at BETWEEN epoch_micros_to_timestamptz(x.t) AND epoch_micros_to_timestamptz(x.t + ?)
                  ORDER BY x.rid, x.t, at) m
            WHERE s.request_id = m.rid AND s.served_at = epoch_micros_to_timestamptz(m.t) AND s.watched_at IS NULL""";

    /**
     * Watch-through of newly served lists from the sessions already stored, from bound arrays (ops-checks runs it);
     * the window (µs) twice at the end.
     */
    static final String WATCH_THROUGH_FROM_SESSIONS =
            WATCH_THROUGH_FROM.formatted("unnest(?::text[], ?::int8[], ?::int8[], ?::text[])");

    /** As {@link #WATCH_THROUGH_FROM_SESSIONS} from the served lists in {@link #STAGE}: the window twice. */
    static final String WATCH_THROUGH_FROM_SESSIONS_STAGED =
            WATCH_THROUGH_FROM.formatted("(SELECT rid, t, u, it FROM " + STAGE.name() + ")");

    private ServedWriter() {
    }

    /**
     * Inserts {@code served} (once per request and time) and marks those already watched through.
     *
     * @param windowMicros the watch-through window
     * @return served lists marked watched through
     */
    static int write(WriteTransaction tx, List<Batch.ServedRow> served, long windowMicros) throws SQLException {
        BinaryCopyRows rows = STAGE.rows(served.size());
        for (Batch.ServedRow row : served) {
            ServedEvent e = row.event();
            rows.row().int8(row.micros()).text(e.requestId()).int8(e.userId()).text(e.experiment()).text(e.arm())
                    .text(e.modelVersion()).text(row.items()).float8(e.latencyMs()).int4(e.status()).bool(e.fallback());
        }
        tx.copy("served_copy", STAGE, rows);
        try (PreparedStatement st = tx.prepare(INSERT_STAGED)) {
            tx.update("served", st);
        }
        try (PreparedStatement st = tx.prepare(WATCH_THROUGH_FROM_SESSIONS_STAGED)) {
            st.setLong(1, windowMicros);
            st.setLong(2, windowMicros);
            return tx.update("watch_through_sessions", st);
        }
    }
}
