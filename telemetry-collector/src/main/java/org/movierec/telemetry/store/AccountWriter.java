package org.movierec.telemetry.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.movierec.telemetry.ingest.Batch;

/** Writes {@code accounts}: the earliest creation time per user. */
final class AccountWriter {

    static final String UPSERT = """
            INSERT INTO accounts AS a (user_id, created_at)
            SELECT u, epoch_micros_to_timestamptz(min(t)) FROM unnest(?::int8[], ?::int8[]) AS x(u, t)
            GROUP BY u ORDER BY u
            ON CONFLICT (user_id) DO UPDATE SET created_at = excluded.created_at WHERE excluded.created_at < a.created_at""";

    private AccountWriter() {
    }

    static void write(WriteTransaction tx, List<Batch.AccountRow> accounts) throws SQLException {
        int n = accounts.size();
        long[] u = new long[n];
        long[] t = new long[n];
        for (int k = 0; k < n; k++) {
            u[k] = accounts.get(k).userId();
            t[k] = accounts.get(k).micros();
        }
        try (PreparedStatement st = tx.prepare(UPSERT, "int8", u, "int8", t)) {
            tx.update("accounts", st);
        }
    }
}
