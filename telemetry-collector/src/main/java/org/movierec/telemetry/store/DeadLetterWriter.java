package org.movierec.telemetry.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Adds a batch's rejected-record counts to {@code dead_letter_counts} (exact: the same transaction as the offsets). */
final class DeadLetterWriter {

    static final String UPSERT = """
            INSERT INTO dead_letter_counts AS d (topic, reason, count, last_at)
            SELECT topic, reason, n, now() FROM unnest(?::text[], ?::text[], ?::int8[]) AS x(topic, reason, n)
            ON CONFLICT (topic, reason) DO UPDATE SET count = d.count + excluded.count, last_at = excluded.last_at""";

    private DeadLetterWriter() {
    }

    /** @param counts per topic, per reason, how many records were rejected */
    static void write(WriteTransaction tx, Map<String, Map<String, Long>> counts) throws SQLException {
        List<String> topics = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<Long> n = new ArrayList<>();
        // In one order (topic, reason), so that consumer loops adding to the same rows lock them in the same order.
        new TreeMap<>(counts).forEach((topic, byReason) -> new TreeMap<>(byReason).forEach((reason, count) -> {
            topics.add(topic);
            reasons.add(reason);
            n.add(count);
        }));
        try (PreparedStatement st = tx.prepare(UPSERT, "text", topics.toArray(new String[0]),
                "text", reasons.toArray(new String[0]), "int8", n.toArray(new Long[0]))) {
            tx.update("dead_letters", st);
        }
    }
}
