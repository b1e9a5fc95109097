package org.movierec.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the telemetry collector is behind a mark on a topic: the topic's end offsets at some moment (Kafka) minus
 * the positions the collector committed with its rows (table {@code consumer_offsets}, written in the same
 * transaction). Zero means every record written before the mark is in PostgreSQL.
 */
public final class TelemetryLag {

    private final String bootstrapServers;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String group;

    public TelemetryLag(String bootstrapServers, String jdbcUrl, String user, String password, String group) {
        this.bootstrapServers = bootstrapServers;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.group = group;
    }

    /**
     * The end offset of each partition of {@code topic} now: a mark of "every record written so far" for
     * {@link #behind}. While producers keep writing (the simulator's traffic), the lag to the moving end is rarely
     * zero (a batch waits up to {@code telemetry.batch.max-wait} for more records), so waits compare with a mark
     * taken after the records they care about were acknowledged.
     */
    public Map<Integer, Long> mark(String topic) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(config)) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<Integer, Long> ends = new TreeMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            return ends;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Records of {@code topic} before {@code mark} (its end offsets at some moment) not yet in PostgreSQL. */
    public long behind(String topic, Map<Integer, Long> mark) {
        return behind(mark, storedOffsets(topic));
    }

    /** Each partition's stored position against {@code mark}, for a wait's failure message. */
    public String describe(String topic, Map<Integer, Long> mark) {
        Map<Integer, Long> stored = storedOffsets(topic);
        StringBuilder text = new StringBuilder(topic).append(" behind ").append(behind(mark, stored)).append(':');
        mark.forEach((partition, end) -> text.append(" p").append(partition).append(" stored ")
                .append(stored.getOrDefault(partition, 0L)).append(" of ").append(end));
        return text.toString();
    }

    private static long behind(Map<Integer, Long> mark, Map<Integer, Long> stored) {
        long behind = 0;
        for (Map.Entry<Integer, Long> end : mark.entrySet()) {
            behind += Math.max(0, end.getValue() - stored.getOrDefault(end.getKey(), 0L));
        }
        return behind;
    }

    private Map<Integer, Long> storedOffsets(String topic) {
        Map<Integer, Long> stored = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
             PreparedStatement s = c.prepareStatement(
                     "SELECT partition, next_offset FROM consumer_offsets WHERE consumer_group = ? AND topic = ?")) {
            s.setString(1, group);
            s.setString(2, topic);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getInt(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            // Before the collector's first migration there is no table: nothing is stored yet.
            if (!"42P01".equals(e.getSQLState())) {
                throw new IllegalStateException("cannot read consumer_offsets: " + e.getMessage(), e);
            }
        }
        return stored;
    }
}
