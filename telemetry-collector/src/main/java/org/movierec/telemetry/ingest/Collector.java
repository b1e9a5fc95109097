package org.movierec.telemetry.ingest;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.movierec.core.data.RatingScale;
import org.movierec.contracts.events.MovielogParser;
import org.movierec.contracts.events.MovielogParserConfig;
import org.movierec.contracts.events.RejectReason;
import org.movierec.platform.loops.LoopHealth;
import org.movierec.telemetry.TelemetryConfig;
import org.movierec.telemetry.quality.ExperimentArms;
import org.movierec.telemetry.store.BatchWriter;
import org.movierec.telemetry.store.RecentlyServed;

/**
 * The consumer loop: reads {@code movielog} and {@code recsys.served} in a consumer group, validates each record,
 * gathers records into batches, publishes a batch's dead letters, and writes the batch with its positions to
 * PostgreSQL in one transaction.
 *
 * <p>Positions live in PostgreSQL only: on every partition assignment, and after any failure, the consumer seeks
 * to the stored positions, so what was committed is never read again and what was not is read again (a failure
 * at any point, a crash, a kill -9). A failure (PostgreSQL down, Kafka down, a conflict) pauses consumption: the
 * collector reports not ready and retries reading the positions with exponential backoff; once they are read it
 * seeks and resumes. The Kafka group offsets are committed too, after the database, only so that Kafka tools
 * show the lag.
 */
@ApplicationScoped
public class Collector {

    private static final Logger LOG = Logger.getLogger(Collector.class);

    /** The collector's condition, for readiness. */
    public enum State {
        /** Not yet assigned partitions with their positions read. */
        STARTING,
        /** Consuming and writing. */
        RUNNING,
        /** A write or a position read failed; consumption is paused and retried. */
        RETRYING,
        /** Shut down. */
        STOPPED
    }

    @Inject
    TelemetryConfig config;

    @Inject
    BatchWriter writer;

    @Inject
    DeadLetterPublisher deadLetters;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Inject
    CollectorConsumers consumers;

    private KafkaConsumer<byte[], byte[]> consumer;
    private RecordRouter router;
    private Thread thread;
    private volatile boolean running;
    private volatile State state = State.STARTING;
    private volatile String lastError = "";
    private final AtomicLong committedBatches = new AtomicLong();
    private final Map<String, AtomicLong> lagByTopic = new ConcurrentHashMap<>();

    /** Stored position of each assigned partition as last read or written (absent: none stored yet). */
    private final Map<TopicPartition, Long> stored = new HashMap<>();
    private boolean needsRecovery;
    private long backoffMillis;
    private Batch batch;
    private RecentlyServed recentlyServed;

    private Counter experimentRowsWritten;
    private Counter dbFailures;
    private Timer dbWrite;
    private DistributionSummary batchSize;
    private Counter dlqSent;
    private LoopHealth health;

    /** This loop's name in {@code movierec_background_loop_up} and {@code movierec_background_loop_restarts_total}. */
    public static final String LOOP = "collector";
    /** Counter of rows new in {@code experiment_predictions} (committed). */
    public static final String EXPERIMENT_PREDICTIONS_WRITTEN = "telemetry.experiment.predictions.written";
    /**
     * Counter of experiment ratings that got no {@code experiment_predictions} rows, tagged {@code reason}
     * ({@link ExperimentArms#SKIP_REASONS}); such ratings are still in {@code online_predictions}.
     */
    public static final String EXPERIMENT_PREDICTIONS_SKIPPED = "telemetry.experiment.predictions.skipped";

    void start(@Observes StartupEvent event) {
        MovielogParserConfig parserConfig = MovielogParserConfig.DEFAULT
                .withRatingScale(new RatingScale(config.ratings().min(), config.ratings().max()));
        router = new RecordRouter(new MovielogParser(parserConfig), config.kafka().movielogTopic(),
                config.kafka().servedTopic(), config.streamZone(), new EventTimeBounds(Clock.systemUTC(),
                        config.eventTime().maxSkew(), config.eventTime().floor()));
        registerMeters();
        if (config.online().watchThroughPrefilter()) {
            recentlyServed = new RecentlyServed(config.online().watchThroughWindow().toNanos() / 1000,
                    config.online().recentlyServedMaxUsers());
        }

        consumer = consumers.create();
        running = true;
        batch = new Batch();
        thread = new Thread(this::run, "telemetry-collector");
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public State state() {
        return state;
    }

    public String lastError() {
        return lastError;
    }

    /** Batches committed since start. */
    public long committedBatches() {
        return committedBatches.get();
    }

    /** Records not yet in PostgreSQL per topic, as of the last poll. */
    public Map<String, Long> lag() {
        Map<String, Long> lag = new HashMap<>();
        lagByTopic.forEach((topic, value) -> lag.put(topic, value.get()));
        return lag;
    }

    private void registerMeters() {
        for (String type : List.of(Batch.WATCH, Batch.RATE, Batch.RECOMMENDATION_REQUEST, Batch.CREATE_ACCOUNT, Batch.SERVED)) {
            registry.counter("telemetry.events", "type", type);
        }
        for (String reason : RejectReason.ALL) {
            registry.counter("telemetry.rejected", "topic", config.kafka().movielogTopic(), "reason", reason);
        }
        registry.counter("telemetry.rejected", "topic", config.kafka().servedTopic(), "reason", DeadLetter.BAD_SERVED_EVENT);
        for (String topic : List.of(config.kafka().movielogTopic(), config.kafka().servedTopic())) {
            for (String reason : List.of(EventTimeBounds.TIME_IN_FUTURE, EventTimeBounds.TIME_BEFORE_FLOOR)) {
                registry.counter("telemetry.rejected", "topic", topic, "reason", reason);
            }
        }
        for (String topic : List.of(config.kafka().movielogTopic(), config.kafka().servedTopic())) {
            AtomicLong lag = lagByTopic.computeIfAbsent(topic, t -> new AtomicLong());
            registry.gauge("telemetry.consumer.lag", io.micrometer.core.instrument.Tags.of("topic", topic), lag, AtomicLong::get);
        }
        experimentRowsWritten = Counter.builder(EXPERIMENT_PREDICTIONS_WRITTEN)
                .description("Rows new in experiment_predictions: experiment ratings predicted by every arm's version")
                .register(registry);
        for (String reason : ExperimentArms.SKIP_REASONS) {
            Counter.builder(EXPERIMENT_PREDICTIONS_SKIPPED).tag("reason", reason)
                    .description("Experiment ratings that got no experiment_predictions rows, by reason")
                    .register(registry);
        }
        dbFailures = registry.counter("telemetry.db.failures");
        dbWrite = Timer.builder("telemetry.db.write").description("Time to write one batch to PostgreSQL")
                .publishPercentiles(0.5, 0.99).register(registry);
        batchSize = DistributionSummary.builder("telemetry.batch.size").description("Records per committed batch")
                .register(registry);
        dlqSent = registry.counter("telemetry.dlq.sent");
        registry.gauge("telemetry.ready", this, c -> c.state == State.RUNNING ? 1 : 0);
        health = new LoopHealth(registry, LOOP, config.retry().initialBackoff(), config.retry().maxBackoff());
    }

    /**
     * Consumes until shutdown. Any failure of an iteration (a write, a poll, a bug in routing) is survived the same
     * way: {@link #failed} drops the pending batch and switches to recovery, which seeks to the stored positions with
     * backoff. The loop ends only at shutdown.
     */
    private void run() {
        try {
            consumer.subscribe(List.of(config.kafka().movielogTopic(), config.kafka().servedTopic()), new Rebalance());
            while (running) {
                try {
                    iterate();
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    startOver("consume loop failed", e);
                }
            }
            if (!batch.isEmpty() && !needsRecovery) {
                flush(); // graceful shutdown: keep what was read
            }
        } catch (WakeupException e) {
            if (!batch.isEmpty() && !needsRecovery) {
                flush();
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "telemetry collector stopped");
            lastError = String.valueOf(e);
        } finally {
            state = State.STOPPED;
            health.stopped();
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debugf("consumer close: %s", e);
            }
        }
    }

    /** One poll: recovers first if needed, routes the records, writes the batch when it is full or old enough. */
    private void iterate() {
        if (needsRecovery) {
            recover();
            return;
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout());
        if (needsRecovery) {
            return; // a rebalance failed inside poll: these records may come from unseeked partitions
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
            router.route(record, batch);
        }
        updateLag();
        if (!batch.isEmpty() && (batch.records() >= config.batch().maxRecords()
                || System.nanoTime() - batch.createdNanos() >= config.batch().maxWait().toNanos())) {
            flush();
        }
    }

    private Duration pollTimeout() {
        if (batch.isEmpty()) {
            return Duration.ofMillis(Math.min(500, Math.max(1, config.batch().maxWait().toMillis())));
        }
        long left = config.batch().maxWait().toNanos() - (System.nanoTime() - batch.createdNanos());
        return Duration.ofNanos(Math.max(0, left));
    }

    /** Writes the pending batch; on failure discards it and switches to recovery (seek to stored positions). */
    private void flush() {
        Batch b = batch;
        batch = new Batch();
        try {
            deadLetters.publish(b.deadLetters());
            long start = System.nanoTime();
            BatchWriter.Outcome outcome = writer.write(b, config.kafka().groupId(), stored, recentlyServed);
            dbWrite.record(Duration.ofNanos(System.nanoTime() - start));
            stored.putAll(b.nextOffsets());
            committedBatches.incrementAndGet();
            afterCommit(b, outcome);
            if (state != State.RUNNING && state != State.STOPPED) {
                health.running(); // before the state: ready implies up
                state = State.RUNNING;
            }
        } catch (Exception e) {
            failed("batch of " + b.records() + " records not written", e);
        }
    }

    private void afterCommit(Batch b, BatchWriter.Outcome outcome) {
        if (recentlyServed != null) {
            b.served().forEach(row -> recentlyServed.served(row.event().userId(), row.micros()));
        }
        batchSize.record(b.records());
        b.events().forEach((type, n) -> registry.counter("telemetry.events", "type", type).increment(n));
        b.rejectedCounts().forEach((topic, byReason) -> byReason.forEach(
                (reason, n) -> registry.counter("telemetry.rejected", "topic", topic, "reason", reason).increment(n)));
        dlqSent.increment(b.deadLetters().size());
        registry.counter("telemetry.predictions", "outcome", "predicted").increment(outcome.predicted());
        registry.counter("telemetry.predictions", "outcome", "no_version").increment(outcome.withoutVersion());
        registry.counter("telemetry.predictions", "outcome", "model_unavailable").increment(outcome.modelUnavailable());
        registry.counter("telemetry.watch_through.matched").increment(outcome.watchedThrough());
        experimentRowsWritten.increment(outcome.experimentRowsWritten());
        outcome.experimentRatingsSkipped().forEach(
                (reason, n) -> registry.counter(EXPERIMENT_PREDICTIONS_SKIPPED, "reason", reason).increment(n));
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        b.nextOffsets().forEach((tp, next) -> commit.put(tp, new OffsetAndMetadata(next)));
        consumer.commitAsync(commit, (offsets, error) -> {
            if (error != null) {
                LOG.debugf("Kafka offset commit (informative only) failed: %s", error.toString());
            }
        });
    }

    /** A write or a position read failed: counted as a database failure, then {@link #startOver}. */
    private void failed(String what, Exception e) {
        dbFailures.increment();
        startOver(what, e);
    }

    /** Drops the pending batch and switches to recovery from the stored positions; counted as a loop restart. */
    private void startOver(String what, Exception e) {
        lastError = what + ": " + e;
        if (state != State.STOPPED) {
            state = State.RETRYING;
        }
        health.failed(what + ", retrying from the stored positions", e); // the WARN line, and a restart counted
        batch = new Batch();
        needsRecovery = true;
        try {
            dataSource.flush(AgroalDataSource.FlushMode.ALL); // drop connections to a server that may have gone
        } catch (RuntimeException flushError) {
            LOG.debugf("pool flush: %s", flushError);
        }
    }

    /**
     * Pauses consumption, reads the stored positions and seeks every assigned partition to them; on failure waits
     * (polling, so the group membership stays alive) with exponential backoff.
     */
    private void recover() {
        Set<TopicPartition> assigned = consumer.assignment();
        consumer.pause(assigned);
        try {
            Map<TopicPartition, Long> positions = writer.readOffsets(config.kafka().groupId());
            fillRecentlyServed();
            seek(assigned, positions);
            consumer.resume(assigned);
            needsRecovery = false;
            backoffMillis = 0;
            health.running(); // before the state: ready implies up
            state = State.RUNNING;
            LOG.infof("resumed from the stored positions of %d partitions", assigned.size());
        } catch (Exception e) {
            lastError = "stored positions not readable: " + e;
            state = State.RETRYING;
            backoffMillis = backoffMillis == 0 ? config.retry().initialBackoff().toMillis()
                    : Math.min(backoffMillis * 2, config.retry().maxBackoff().toMillis());
            LOG.warnf("stored positions not readable, next attempt in %d ms: %s", backoffMillis, e.toString());
            try {
                dataSource.flush(AgroalDataSource.FlushMode.ALL);
            } catch (RuntimeException flushError) {
                LOG.debugf("pool flush: %s", flushError);
            }
            // Nothing is returned while paused: this waits, and keeps the group membership alive.
            ConsumerRecords<byte[], byte[]> none = consumer.poll(Duration.ofMillis(backoffMillis));
            if (!none.isEmpty()) {
                LOG.warnf("%d records returned while paused; dropped, they will be read again", none.count());
            }
        }
    }

    /** Refills the index of recently served users from PostgreSQL (after a failure it may miss a batch). */
    private void fillRecentlyServed() throws java.sql.SQLException {
        if (recentlyServed != null) {
            writer.fill(recentlyServed);
        }
    }

    /** Seeks each partition to its stored position, or to the beginning when none is stored. */
    private void seek(Collection<TopicPartition> partitions, Map<TopicPartition, Long> positions) {
        Set<TopicPartition> fromStart = new HashSet<>();
        for (TopicPartition tp : partitions) {
            Long next = positions.get(tp);
            if (next == null) {
                fromStart.add(tp);
                stored.remove(tp);
            } else {
                consumer.seek(tp, next);
                stored.put(tp, next);
            }
        }
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart);
        }
    }

    private void updateLag() {
        Map<String, Long> lag = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong l = consumer.currentLag(tp);
            if (l.isPresent()) {
                lag.merge(tp.topic(), l.getAsLong(), Long::sum);
            }
        }
        int pending = batch.records();
        lagByTopic.forEach((topic, value) -> value.set(lag.getOrDefault(topic, 0L)
                + (topic.equals(config.kafka().movielogTopic()) ? pending : 0)));
    }

    /** Seeks newly assigned partitions to their stored positions; writes the pending batch before partitions go. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!batch.isEmpty() && !needsRecovery) {
                flush();
            }
            partitions.forEach(stored::remove);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            batch = new Batch(); // another member may own them already: its positions win
            partitions.forEach(stored::remove);
            needsRecovery = true;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (needsRecovery) {
                return; // recover() seeks every assigned partition
            }
            try {
                Map<TopicPartition, Long> positions = writer.readOffsets(config.kafka().groupId());
                fillRecentlyServed();
                seek(partitions, positions);
                health.running(); // before the state: ready implies up
                state = State.RUNNING;
                LOG.infof("assigned %s, positions from PostgreSQL", partitions);
            } catch (Exception e) {
                failed("positions of newly assigned partitions not readable", e);
            }
        }
    }
}
