package org.movierec.telemetry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code consumer_offsets}: the Kafka positions of the collector, read on every assignment and written in the
 * batch's transaction. A write is fenced: each partition's stored position must still be the one this collector
 * read or last wrote, otherwise another instance moved it ({@link OffsetConflictException}, the transaction rolls
 * back).
 */
final class OffsetStore {

    /** Moves each partition's position from the expected one (or creates it); returns how many moved. */
    static final String STORE = """
            WITH input AS (SELECT * FROM unnest(?::text[], ?::int4[], ?::int8[], ?::int8[]) AS x(topic, part, expected, next)),
                 moved AS (UPDATE consumer_offsets o SET next_offset = i.next, updated_at = now() FROM input i
                           WHERE o.consumer_group = ? AND o.topic = i.topic AND o.partition = i.part
                             AND i.expected IS NOT NULL AND o.next_offset = i.expected RETURNING 1),
                 created AS (INSERT INTO consumer_offsets (consumer_group, topic, partition, next_offset)
                             SELECT ?, topic, part, next FROM input WHERE expected IS NULL
                             ON CONFLICT DO NOTHING RETURNING 1)
            SELECT (SELECT count(*) FROM moved) + (SELECT count(*) FROM created)""";

    static final String READ = "SELECT topic, partition, next_offset FROM consumer_offsets WHERE consumer_group = ?";

    private OffsetStore() {
    }

    /** The stored positions of {@code group}: topic-partition to the next offset to read. */
    static Map<TopicPartition, Long> read(Connection c, String group) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(READ)) {
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

    /**
     * Moves the positions of {@code group} to {@code next}.
     *
     * @param expected each partition's stored position as the collector knows it (absent: no row yet)
     * @throws OffsetConflictException if a stored position is not the expected one
     */
    static void store(WriteTransaction tx, String group, Map<TopicPartition, Long> next,
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
        try (PreparedStatement st = tx.prepare(STORE, "text", topic, "int4", partition, "int8", from, "int8", to)) {
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
}
