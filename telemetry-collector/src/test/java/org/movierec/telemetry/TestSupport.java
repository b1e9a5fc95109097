package org.movierec.telemetry;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.awaitility.pollinterval.IterativePollInterval;
import org.eclipse.microprofile.config.ConfigProvider;
import org.movierec.core.generate.GeneratedData;
import org.movierec.core.generate.GeneratorConfig;
import org.movierec.core.generate.SyntheticDataGenerator;
import org.movierec.core.model.SvdModel;
import org.movierec.core.train.SgdTrainer;
import org.movierec.core.train.TrainingParams;

/** Waiting on conditions, producing records, reading PostgreSQL: shared by the collector's tests. */
public final class TestSupport {

    static final GeneratedData DATA = SyntheticDataGenerator.generate(GeneratorConfig.of(200, 300, 8_000, 7));

    private static final Duration MAX_POLL = Duration.ofMillis(200);

    private TestSupport() {
    }

    /**
     * What a Quarkus test of the collector talks to, from the test configuration (the resources' broker, database
     * and MongoDB): a producer, a consumer for end offsets and dead letters, a JDBC connection, a MongoDB client.
     */
    public record Clients(KafkaProducer<byte[], byte[]> producer, KafkaConsumer<byte[], byte[]> offsets, Connection db,
            MongoClient mongo) implements AutoCloseable {

        /** Opens the clients of the running test application. */
        public static Clients open() {
            var config = ConfigProvider.getConfig();
            String bootstrap = config.getValue("kafka.bootstrap.servers", String.class);
            return new Clients(TestSupport.producer(bootstrap), TestSupport.consumer(bootstrap),
                    connect(config.getValue("quarkus.datasource.jdbc.url", String.class),
                            config.getValue("quarkus.datasource.username", String.class),
                            config.getValue("quarkus.datasource.password", String.class)),
                    MongoClients.create(config.getValue("quarkus.mongodb.connection-string", String.class)));
        }

        @Override
        public void close() throws SQLException {
            producer.close();
            offsets.close();
            db.close();
            mongo.close();
        }
    }

    /** A small model trained on generated data; different seeds give different models. */
    public static SvdModel trained(long seed) {
        return new SgdTrainer(TrainingParams.defaults().withFactors(8).withMaxEpochs(8).withSeed(seed))
                .train(DATA.ratings()).model();
    }

    /**
     * Waits until {@code condition} holds, or fails after {@code timeout} (Awaitility; polls from 10 ms up to every
     * 200 ms, in the calling thread: conditions may use a Kafka consumer, which one thread at a time may use).
     */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        Awaitility.await(what).atMost(timeout).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(IterativePollInterval.iterative(d -> d.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL
                        : d.multipliedBy(2), Duration.ofMillis(10)))
                .until(condition::getAsBoolean);
    }

    public static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(p);
    }

    public static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p);
    }

    /** Sends and waits for the acknowledgement; returns where the record went. */
    public static RecordMetadata send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(topic, value)).get();
        } catch (Exception e) {
            throw new AssertionError("cannot send to " + topic, e);
        }
    }

    /** The end offset of every partition of {@code topics}. */
    public static Map<TopicPartition, Long> endOffsets(KafkaConsumer<byte[], byte[]> consumer, List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
        }
        return consumer.endOffsets(partitions, Duration.ofSeconds(10));
    }

    /** Whether the stored positions of {@code group} have reached {@code ends}. */
    public static boolean caughtUp(Connection db, String group, Map<TopicPartition, Long> ends) {
        try (PreparedStatement q = db.prepareStatement(
                "SELECT next_offset FROM consumer_offsets WHERE consumer_group = ? AND topic = ? AND partition = ?")) {
            for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                if (e.getValue() == 0) {
                    continue;
                }
                q.setString(1, group);
                q.setString(2, e.getKey().topic());
                q.setInt(3, e.getKey().partition());
                try (ResultSet r = q.executeQuery()) {
                    if (!r.next() || r.getLong(1) < e.getValue()) {
                        return false;
                    }
                }
            }
            return true;
        } catch (SQLException e) {
            return false; // e.g. PostgreSQL being restarted by a drill
        }
    }

    public static Connection connect(String url, String user, String password) {
        try {
            return DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            throw new AssertionError("cannot connect to " + url, e);
        }
    }

    /** The single long of {@code sql}, with the given parameters. */
    public static long longOf(Connection db, String sql, Object... params) {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            for (int k = 0; k < params.length; k++) {
                q.setObject(k + 1, params[k]);
            }
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    /** Every row of {@code sql} as a list of column values. */
    public static List<List<Object>> rows(Connection db, String sql, Object... params) {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            for (int k = 0; k < params.length; k++) {
                q.setObject(k + 1, params[k]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                int n = r.getMetaData().getColumnCount();
                while (r.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int k = 1; k <= n; k++) {
                        row.add(r.getObject(k));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }
}
