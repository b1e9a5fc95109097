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
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the telemetry collector is behind a topic: the topic's end offsets (Kafka) minus the positions the
 * collector committed with its rows (table {@code consumer_offsets}, written in the same transaction).
 * Zero means every record written so far is in PostgreSQL.
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

    /** Records of {@code topic} not yet in PostgreSQL. */
    public long of(String topic) {
        Map<TopicPartition, Long> ends = endOffsets(topic);
        Map<Integer, Long> stored = storedOffsets(topic);
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            lag += Math.max(0, end.getValue() - stored.getOrDefault(end.getKey().partition(), 0L));
        }
        return lag;
    }

    private Map<TopicPartition, Long> endOffsets(String topic) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(config)) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
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
