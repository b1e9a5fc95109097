package org.movierec.telemetry.ingest;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.movierec.platform.kafka.Lz4Codec;
import org.movierec.platform.kafka.ProducerSettings;
import org.movierec.telemetry.TelemetryConfig;

/**
 * Publishes rejected records to the dead-letter topics: the original key and value bytes untouched, and headers
 * {@code dlq.reason}, {@code dlq.detail}, {@code dlq.source.topic}, {@code dlq.source.partition},
 * {@code dlq.source.offset}, {@code dlq.source.timestamp}.
 *
 * <p>A batch's dead letters are acknowledged by the broker before the batch's transaction commits, so none is lost;
 * a crash between the two publishes them again on replay (at least once). The source topic, partition and offset
 * identify a dead letter, so a reader can drop repeats; the counts in PostgreSQL are exact.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    public static final String REASON = "dlq.reason";
    public static final String DETAIL = "dlq.detail";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    public static final String SOURCE_TIMESTAMP = "dlq.source.timestamp";

    @Inject
    TelemetryConfig config;

    private KafkaProducer<byte[], byte[]> producer;

    @PostConstruct
    void init() {
        // A dead letter is sent before its batch commits: give up after 20 s so the batch retries, not waits.
        Lz4Codec.preferNative();
        producer = new KafkaProducer<>(ProducerSettings.durable(config.kafka().bootstrapServers(), "telemetry-dlq",
                ProducerSettings.BYTES_SERIALIZER).with("delivery.timeout.ms", "20000").toProperties());
    }

    void stop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Sends every dead letter and waits until the broker has acknowledged all of them.
     *
     * @throws DeadLetterException if one could not be published (the batch must not commit)
     */
    public void publish(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(letters.size());
        try {
            for (DeadLetter letter : letters) {
                sent.add(producer.send(record(letter)));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new DeadLetterException("dead letter not published: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterException("interrupted while publishing dead letters", e);
        } catch (RuntimeException e) {
            throw new DeadLetterException("dead letter not published: " + e, e);
        }
    }

    private ProducerRecord<byte[], byte[]> record(DeadLetter letter) {
        String topic = letter.sourceTopic().equals(config.kafka().servedTopic())
                ? config.kafka().servedDlqTopic() : config.kafka().movielogDlqTopic();
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, utf8(letter.reason()));
        headers.add(DETAIL, utf8(letter.detail()));
        headers.add(SOURCE_TOPIC, utf8(letter.sourceTopic()));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(letter.partition())));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(letter.offset())));
        headers.add(SOURCE_TIMESTAMP, utf8(Long.toString(letter.timestamp())));
        return new ProducerRecord<>(topic, null, null, letter.key(), letter.value(), headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Publishing failed; the batch is retried. */
    public static final class DeadLetterException extends RuntimeException {
        DeadLetterException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
