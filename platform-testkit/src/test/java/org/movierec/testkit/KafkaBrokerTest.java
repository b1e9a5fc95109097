package org.movierec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs a real broker: produce and consume, graceful restart, kill and recovery, all on one data directory. */
class KafkaBrokerTest {

    private static final String TOPIC = "movielog";
    private static final Duration CONSUME_DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void keepsRecordsAcrossGracefulRestartAndKill() throws Exception {
        Path dataDir = tmp.resolve("kafka");
        try (KafkaBroker broker = KafkaBroker.builder().dataDir(dataDir).build()) {
            long t0 = System.nanoTime();
            broker.start();
            log("first start (format + start)", t0);
            int port = broker.port();
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            assertThat(Files.readString(dataDir.resolve("server.properties")))
                    .contains("process.roles=broker,controller", "log.dirs=" + dataDir.resolve("kafka-logs"));

            broker.createTopic(TOPIC, 3);
            broker.createTopic(TOPIC, 3); // already there: no error
            List<String> sent = produce(broker, 0, 1000);
            assertThat(consumeAll(broker, sent.size())).containsExactlyInAnyOrderElementsOf(sent);

            t0 = System.nanoTime();
            broker.stop();
            log("graceful stop", t0);
            assertThat(broker.isRunning()).isFalse();
            t0 = System.nanoTime();
            broker.start();
            log("restart after graceful stop", t0);
            assertThat(broker.port()).isEqualTo(port);
            assertThat(consumeAll(broker, sent.size())).containsExactlyInAnyOrderElementsOf(sent);

            broker.kill();
            assertThat(broker.isRunning()).isFalse();
            t0 = System.nanoTime();
            broker.start();
            log("restart after kill", t0);
            List<String> all = new ArrayList<>(sent);
            all.addAll(produce(broker, 1000, 10));
            assertThat(consumeAll(broker, all.size())).containsExactlyInAnyOrderElementsOf(all);
        }
        assertThat(dataDir).as("a given data directory is kept").isDirectory();
    }

    private static List<String> produce(KafkaBroker broker, int from, int count) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        List<String> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                String value = "2025-10-17T01:38:54," + i + ",GET /rate/movie+" + i + "=4";
                acks.add(producer.send(new ProducerRecord<>(TOPIC, Integer.toString(i), value)));
                sent.add(value);
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        }
        return sent;
    }

    /** Reads the topic from the beginning with a new consumer group until {@code expected} records arrived. */
    private static List<String> consumeAll(KafkaBroker broker, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> received = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + CONSUME_DEADLINE.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(TOPIC));
            while (seen.size() < expected && System.nanoTime() - deadline < 0) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    received.add(record.value());
                    seen.add(record.value());
                }
            }
        }
        return received;
    }

    private static void log(String what, long startNanos) {
        System.out.printf("KafkaBrokerTest: %s took %d ms%n", what, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
