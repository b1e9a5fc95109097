package org.movierec.launcher;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.movierec.contracts.events.RateEvent;
import org.movierec.contracts.events.Topics;

/**
 * A batch of rating lines the drills can count exactly: users {@code firstUser..firstUser+count-1} (a range no
 * simulated user has), each rating movie {@code drill+movie} once, written to {@code movielog} with acks=all.
 */
final class MarkedRatings {

    private MarkedRatings() {
    }

    /** Writes {@code count} distinct rating lines; returns when Kafka has acknowledged all of them. */
    static void write(String bootstrapServers, long firstUser, int count) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC).withNano(0); // movielog times are UTC
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            Future<RecordMetadata> last = null;
            for (int i = 0; i < count; i++) {
                long user = firstUser + i;
                String line = new RateEvent(start.plusNanos(i * 1000L), user, "drill+movie", 1 + i % 5).toLine();
                last = producer.send(new ProducerRecord<>(Topics.MOVIELOG, Long.toString(user), line));
            }
            producer.flush();
            if (last != null) {
                last.get();
            }
        }
    }
}
