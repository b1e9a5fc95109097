package org.movierec.simulator.movielog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;
import org.movierec.platform.kafka.Lz4Codec;
import org.movierec.platform.kafka.ProducerSettings;
import org.movierec.simulator.SimulatorConfig;

/**
 * Writes {@code movielog} lines to Kafka, keyed by user id (so a user's lines stay in order), with a
 * producer tuned for throughput (batches, {@code linger.ms}, lz4). Counts lines by kind
 * ({@code simulator.lines}) and failed sends ({@code simulator.send.failures}). Ready once the
 * broker has answered a metadata request for the topic. Created eagerly at startup, before any
 * other bean's startup work can write through it.
 */
@Startup
@ApplicationScoped
public class MovielogWriter implements LineSink {

    private static final Logger LOG = Logger.getLogger(MovielogWriter.class);

    @Inject
    SimulatorConfig config;

    @Inject
    MeterRegistry registry;

    private final Map<LineKind, Counter> lines = new EnumMap<>(LineKind.class);
    private final LongAdder written = new LongAdder();
    /** One callback for every send (no allocation per line). */
    private final Callback acknowledged = this::acknowledged;
    private Counter sendFailures;
    private KafkaProducer<String, String> producer;
    private String topic;
    private volatile boolean connected;
    private final CountDownLatch connectedLatch = new CountDownLatch(1);
    private volatile boolean lastSendFailed;
    private Thread connector;

    @PostConstruct
    void start() {
        for (LineKind kind : LineKind.values()) {
            lines.put(kind, registry.counter("simulator.lines", "kind", kind.tag()));
        }
        sendFailures = registry.counter("simulator.send.failures");
        topic = config.kafka().topic();
        // Durable, tuned for the bootstrap's bulk: bigger batches, more buffer, a shorter block.
        Lz4Codec.preferNative();
        producer = new KafkaProducer<>(ProducerSettings.durable(config.kafka().bootstrapServers(), "simulator",
                        ProducerSettings.STRING_SERIALIZER)
                .with("linger.ms", "20")
                .with("batch.size", Integer.toString(256 * 1024))
                .with("buffer.memory", Long.toString(64L * 1024 * 1024))
                .with("max.block.ms", "5000")
                .toProperties());
        connector = new Thread(this::connect, "simulator-kafka-connect");
        connector.setDaemon(true);
        connector.start();
    }

    @PreDestroy
    void stop() {
        if (connector != null) {
            connector.interrupt();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }

    /** Asks for the topic's metadata until the broker answers (auto-creating the topic where the broker allows). */
    private void connect() {
        while (!connected && !Thread.currentThread().isInterrupted()) {
            try {
                producer.partitionsFor(topic);
                connected = true;
                connectedLatch.countDown();
                LOG.infof("writing movielog lines to topic %s at %s", topic, config.kafka().bootstrapServers());
            } catch (RuntimeException e) {
                LOG.warnf("Kafka not reachable yet (%s); retrying", e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void write(long userId, String line, LineKind kind) {
        try {
            producer.send(new ProducerRecord<>(topic, Long.toString(userId), line), acknowledged);
            lines.get(kind).increment();
            written.increment();
        } catch (RuntimeException e) {
            // e.g. no metadata within max.block.ms while the broker is down: the line is lost, and counted
            failed(e);
        }
    }

    private void acknowledged(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception error) {
        if (error != null) {
            failed(error);
        } else if (lastSendFailed) {
            lastSendFailed = false;
        }
    }

    private void failed(Exception error) {
        if (!lastSendFailed) {
            LOG.warnf("movielog line not sent: %s", error.getMessage());
        }
        lastSendFailed = true;
        sendFailures.increment();
    }

    /** Waits up to {@code timeout} for the broker to answer for the topic; whether it has. */
    public boolean awaitConnected(Duration timeout) {
        try {
            return connectedLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Blocks until every line written so far is acknowledged (or failed). */
    public void flush() {
        producer.flush();
    }

    /** Lines that could not be sent or were not acknowledged, since start. */
    public long sendFailures() {
        return (long) sendFailures.count();
    }

    /** Lines handed to the producer since start. */
    public long linesWritten() {
        return written.sum();
    }

    /** Whether the broker answered and the latest send did not fail. */
    public boolean ready() {
        return connected && !lastSendFailed;
    }
}
