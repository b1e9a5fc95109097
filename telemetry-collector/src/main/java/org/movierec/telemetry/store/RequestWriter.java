package org.movierec.telemetry.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.movierec.telemetry.ingest.Batch;

/** Writes {@code recommendation_requests}: the streaming service's own log of its calls, once per line hash. */
final class RequestWriter {

    static final String INSERT = """
            INSERT INTO recommendation_requests (requested_at, user_id, server, status, results, latency_ms, error, line_hash)
            SELECT epoch_micros_to_timestamptz(t), u, sv, st, string_to_array(r, ','), l, e, h
            FROM unnest(?::int8[], ?::int8[], ?::text[], ?::int4[], ?::text[], ?::int4[], ?::text[], ?::int8[])
                 AS x(t, u, sv, st, r, l, e, h)
            ON CONFLICT DO NOTHING""";

    private RequestWriter() {
    }

    static void write(WriteTransaction tx, List<Batch.RequestRow> requests) throws SQLException {
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
        try (PreparedStatement st = tx.prepare(INSERT, "int8", t, "int8", u, "text", server, "int4", status,
                "text", results, "int4", latency, "text", error, "int8", hash)) {
            tx.update("requests", st);
        }
    }
}
