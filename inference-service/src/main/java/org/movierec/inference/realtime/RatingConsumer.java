package org.movierec.inference.realtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.movierec.contracts.events.MovielogParser;
import org.movierec.contracts.events.ParseResult;
import org.movierec.contracts.events.RateEvent;
import org.movierec.contracts.events.WatchEvent;
import org.movierec.inference.InferenceConfig;
import org.movierec.platform.kafka.ConsumerSettings;
import org.movierec.platform.kafka.Lz4Codec;
import org.movierec.platform.loops.LoopHealth;

/**
 * Folds every new rating and watch of the {@code movielog} stream into its user, in real time. Every replica
 * reads every partition from the end (no consumer group: each replica needs all events, and the
 * ones before it started are in the next trained model). Lines that are not valid events are
 * skipped here and counted ({@code recsys.foldin.skipped} by reason); other valid events (recommendation requests,
 * new accounts) are read past. The telemetry collector owns the dead-letter topic. The loop survives failures
 * ({@link #run}); its liveness is {@code movierec_background_loop_up{loop="rating-consumer"}}.
 */
@ApplicationScoped
public class RatingConsumer {

    private static final Logger LOG = Logger.getLogger(RatingConsumer.class);
    /** This loop's name in {@code movierec_background_loop_up} and {@code movierec_background_loop_restarts_total}. */
    public static final String LOOP = "rating-consumer";

    @Inject
    InferenceConfig config;

    @Inject
    FoldedUsers foldedUsers;

    @Inject
    MeterRegistry registry;

    private final MovielogParser parser = new MovielogParser();
    private KafkaConsumer<String, String> consumer;
    private Thread thread;
    private volatile boolean running;
    private volatile int assignedPartitions;
    private final AtomicBoolean failNextRecord = new AtomicBoolean();
    private LoopHealth health;

    void start(@Observes StartupEvent event) {
        if (config.kafka().bootstrapServers().isEmpty()) {
            LOG.info("no Kafka configured: no real-time fold-in");
            return;
        }
        Lz4Codec.preferNative();
        consumer = new KafkaConsumer<>(ConsumerSettings.everyPartitionFromTheEnd(
                config.kafka().bootstrapServers().get(), "inference-foldin").toProperties());
        registry.gauge("recsys.foldin.partitions", this, c -> c.assignedPartitions);
        health = new LoopHealth(registry, LOOP, config.loops().initialBackoff(), config.loops().maxBackoff());
        running = true;
        thread = new Thread(this::run, "movielog-foldin");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.interrupt(); // ends a backoff wait
        }
    }

    /**
     * Assigns every partition of the topic from its end, reads ratings and watches and folds them in until shutdown. A failure
     * (Kafka unreachable, a record whose fold-in throws) does not end the loop: it is counted and logged by
     * {@link LoopHealth}, the loop waits its backoff and starts over. A record that failed is skipped (seek past
     * it), so that one poison record cannot stop fold-in for good; the records after it are read again, and a
     * skipped rating reaches this replica's users with the next trained model.
     */
    private void run() {
        String topic = config.kafka().movielogTopic();
        try {
            while (running) {
                ConsumerRecord<String, String> current = null;
                try {
                    if (consumer.assignment().isEmpty() && !assign(topic)) {
                        // the topic does not exist yet: not a failure, but the same wait as after one
                        Thread.sleep(config.loops().initialBackoff().toMillis());
                        continue;
                    }
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        current = record;
                        handle(record.value());
                    }
                    current = null;
                    health.running();
                } catch (WakeupException | InterruptException e) {
                    if (!running) {
                        return;
                    }
                    throw e;
                } catch (RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    Duration wait = health.failed(e);
                    if (current != null) {
                        skip(current);
                    }
                    Thread.sleep(wait.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down
        } finally {
            health.stopped();
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Assigns every partition of {@code topic} at its end; false while the topic does not exist. */
    private boolean assign(String topic) {
        List<TopicPartition> partitions = partitionsOf(topic);
        if (partitions.isEmpty()) {
            return false;
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        for (TopicPartition p : partitions) {
            consumer.position(p); // resolve the end offsets now, before reporting partitions
        }
        assignedPartitions = partitions.size();
        LOG.infof("folding in ratings and watches from %s (%d partitions)", topic, partitions.size());
        return true;
    }

    /** Moves past a record whose handling failed; the next poll reads on from the record after it. */
    private void skip(ConsumerRecord<String, String> record) {
        try {
            consumer.seek(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            registry.counter("recsys.foldin.skipped", "reason", "fold_in_failed").increment();
        } catch (RuntimeException e) {
            LOG.debugf("seek past the failed record: %s", e);
        }
    }

    private List<TopicPartition> partitionsOf(String topic) {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(5))) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            return partitions;
        } catch (RuntimeException e) {
            LOG.debugf("partitions of %s not available yet: %s", topic, e.getMessage());
            return List.of();
        }
    }

    /**
     * Fault drill (tests only): the next record handled throws, as a poison record or a failing fold-in would.
     */
    public void failNextRecord() {
        failNextRecord.set(true);
    }

    void handle(String line) {
        if (failNextRecord.compareAndSet(true, false)) {
            throw new IllegalStateException("fault drill: fold-in of this record fails");
        }
        ParseResult result = parser.parse(line);
        if (result instanceof ParseResult.Ok ok) {
            if (ok.event() instanceof RateEvent rate) {
                foldedUsers.rate(Long.toString(rate.userId()), rate.movieId(), rate.rating());
            } else if (ok.event() instanceof WatchEvent watch) {
                foldedUsers.watch(Long.toString(watch.userId()), watch.movieId());
            }
        } else if (result instanceof ParseResult.Rejected rejected) {
            registry.counter("recsys.foldin.skipped", "reason", rejected.reason()).increment();
        }
    }
}
