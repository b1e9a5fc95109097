package org.movierec.telemetry.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.movierec.telemetry.ingest.Batch;

/** Writes {@code recommendation_requests}: the streaming service's own log of its calls, once per line hash. */
final class RequestWriter {

    /** The batch's request lines, COPYed here first. */
    static final StagingTable STAGE = new StagingTable("stage_requests",
            "t int8, u int8, sv text, st int4, r text, l int4, e text, h int8");

    private static final String INSERT_FROM = """
            INSERT INTO recommendation_requests (requested_at, user_id, server, status, results, latency_ms, error, line_hash)
            SELECT epoch_micros_to_timestamptz(t), u, sv, st, string_to_array(r, ','), l, e, h
            FROM %s AS x(t, u, sv, st, r, l, e, h)
            ON CONFLICT DO NOTHING""";

    /** The insert from bound arrays (ops-checks runs it on both database paths); the collector inserts from {@link #STAGE}. */
    static final String INSERT = INSERT_FROM.formatted(
            "unnest(?::int8[], ?::int8[], ?::text[], ?::int4[], ?::text[], ?::int4[], ?::text[], ?::int8[])");

    static final String INSERT_STAGED = INSERT_FROM.formatted(STAGE.name());

    private RequestWriter() {
    }

    static void write(WriteTransaction tx, List<Batch.RequestRow> requests) throws SQLException {
        BinaryCopyRows rows = STAGE.rows(requests.size());
        for (Batch.RequestRow row : requests) {
            rows.row().int8(row.micros()).int8(row.userId()).text(row.server()).int4(row.status()).text(row.results())
                    .int4(row.latencyMs()).text(row.error()).int8(row.lineHash());
        }
        tx.copy("requests_copy", STAGE, rows);
        try (PreparedStatement st = tx.prepare(INSERT_STAGED)) {
            tx.update("requests", st);
        }
    }
}
