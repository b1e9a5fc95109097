package org.movierec.telemetry.ingest;

import io.agroal.api.AgroalDataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.movierec.telemetry.ingest.Collector.State;
import org.movierec.platform.loops.LoopHealth;
import org.movierec.telemetry.TelemetryConfig;
import org.movierec.telemetry.store.BatchWriter;
import org.movierec.telemetry.store.RecentlyServed;

/**
 * One member of the collector's consumer group and its writer: a thread with its own Kafka consumer (its share of
 * the partitions), its own pending {@link Batch} and its own transaction per batch, which stores the rows and the
 * positions of its partitions only. Several loops in one process are exactly several collector instances: the
 * same fencing on stored positions applies, and since both topics are keyed by user with as many partitions and
 * range assignment gives a member the same partitions of both, the rows of a user are written by one loop only.
 *
 * <p>Positions live in PostgreSQL only: on every partition assignment, and after any failure, the consumer seeks
 * to the stored positions, so what was committed is never read again and what was not is read again (a failure
 * at any point, a crash, a kill -9). A failure (PostgreSQL down, Kafka down, a conflict) pauses consumption: the
 * loop reports not ready and retries reading the positions with exponential backoff; once they are read it
 * seeks and resumes. The Kafka group offsets are committed too, after the database, only so that Kafka tools
 * show the lag.
 *
 * <p>Reading and writing overlap: a full batch is written on the loop's writer thread while the consumer thread
 * reads and routes the next one, so PostgreSQL is not left idle while the collector parses. At most one batch is
 * in flight, and the next is handed over only once it has committed: its expected positions are the ones that
 * commit stored, so the fencing is the same as with one thread. If the write fails, the batch read meanwhile is
 * dropped with it and both are read again from the stored positions. Everything else (the Kafka consumer, the
 * positions, the index of recently served users) stays on the consumer thread, which collects each write's outcome
 * before it touches them again.
 */
final class ConsumerLoop {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
    /** How often the consumer thread looks whether the write in flight is done, when no records come. */
    private static final Duration COLLECT_EVERY = Duration.ofMillis(10);

    private final TelemetryConfig config;
    private final BatchWriter writer;
    private final DeadLetterPublisher deadLetters;
    private final AgroalDataSource dataSource;
    private final CollectorMeters meters;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final RecordRouter router;
    private final RecentlyServed recentlyServed;
    private final LoopHealth health;
    private final Thread thread;
    private final ExecutorService writerThread;

    private volatile boolean running;
    private volatile State state = State.STARTING;
    private volatile String lastError = "";
    private volatile long committedBatches;
    private final Map<String, Long> lagByTopic = new ConcurrentHashMap<>();

    /** Stored position of each assigned partition as last read or written (absent: none stored yet). */
    private final Map<TopicPartition, Long> stored = new HashMap<>();
    private boolean needsRecovery;
    private long backoffMillis;
    private Batch batch = new Batch();
    /** The batch on the writer thread, null when none. */
    private InFlight inFlight;

    /** A batch handed to the writer thread, and what its write gives. */
    private record InFlight(Batch batch, Future<Written> written) {
    }

    /** A committed write: its outcome and how long it took. */
    private record Written(BatchWriter.Outcome outcome, long nanos) {
    }

    /**
     * @param name the {@code loop} tag of its health; its thread is {@code telemetry-<name>}
     * @param recentlyServed this loop's index of recently served users, null without the watch-through prefilter
     */
    ConsumerLoop(String name, TelemetryConfig config, BatchWriter writer, DeadLetterPublisher deadLetters,
            AgroalDataSource dataSource, CollectorMeters meters, KafkaConsumer<byte[], byte[]> consumer,
            RecordRouter router, RecentlyServed recentlyServed, LoopHealth health) {
        this.config = config;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.dataSource = dataSource;
        this.meters = meters;
        this.consumer = consumer;
        this.router = router;
        this.recentlyServed = recentlyServed;
        this.health = health;
        for (String topic : List.of(config.kafka().movielogTopic(), config.kafka().servedTopic())) {
            lagByTopic.put(topic, 0L);
        }
        this.thread = new Thread(this::run, "telemetry-" + name);
        this.writerThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "telemetry-" + name + "-writer"));
    }

    void start() {
        running = true;
        thread.start();
    }

    /** Asks the loop to write what it read and stop. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    void join(Duration atMost) throws InterruptedException {
        thread.join(atMost.toMillis());
    }

    State state() {
        return state;
    }

    String lastError() {
        return lastError;
    }

    long committedBatches() {
        return committedBatches;
    }

    /** Records not yet in PostgreSQL per topic of this loop's partitions, as of its last poll. */
    Map<String, Long> lag() {
        return Map.copyOf(lagByTopic);
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
            writeRest(); // graceful shutdown: keep what was read
        } catch (WakeupException e) {
            writeRest();
        } catch (RuntimeException e) {
            LOG.errorf(e, "telemetry collector stopped");
            lastError = String.valueOf(e);
        } finally {
            state = State.STOPPED;
            health.stopped();
            writerThread.shutdownNow(); // idle by now, unless the loop died: then its write is rolled back
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
        for (TopicPartition partition : records.partitions()) {
            router.route(partition, records.records(partition), batch);
        }
        if (inFlight != null && inFlight.written().isDone()) {
            collect();
            if (needsRecovery) {
                return;
            }
        }
        updateLag();
        if (!batch.isEmpty() && (batch.records() >= config.batch().maxRecords()
                || System.nanoTime() - batch.createdNanos() >= config.batch().maxWait().toNanos())) {
            flush();
        }
    }

    private Duration pollTimeout() {
        Duration timeout;
        if (batch.isEmpty()) {
            timeout = Duration.ofMillis(Math.min(500, Math.max(1, config.batch().maxWait().toMillis())));
        } else {
            long left = config.batch().maxWait().toNanos() - (System.nanoTime() - batch.createdNanos());
            timeout = Duration.ofNanos(Math.max(0, left));
        }
        // while a write is in flight, come back soon to collect it (positions, counters, readiness)
        return inFlight == null ? timeout : min(timeout, COLLECT_EVERY);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Hands the pending batch to the writer thread once the batch before it has committed; if that one failed, the
     * pending batch is dropped (recovery reads it again).
     */
    private void flush() {
        Batch b = batch;
        batch = new Batch();
        collect();
        if (needsRecovery) {
            return;
        }
        try {
            deadLetters.publish(b.deadLetters());
        } catch (Exception e) {
            failed("batch of " + b.records() + " records not written", e);
            return;
        }
        Map<TopicPartition, Long> expected = new HashMap<>(stored);
        inFlight = new InFlight(b, writerThread.submit(() -> {
            long start = System.nanoTime();
            BatchWriter.Outcome outcome = writer.write(b, config.kafka().groupId(), expected, recentlyServed);
            return new Written(outcome, System.nanoTime() - start);
        }));
    }

    /**
     * Waits for the batch on the writer thread, if any: once committed, its positions are stored and it is
     * counted; if it failed, the loop switches to recovery (seek to the stored positions).
     */
    private void collect() {
        InFlight w = inFlight;
        if (w == null) {
            return;
        }
        inFlight = null;
        Written written;
        try {
            written = awaitUninterruptibly(w.written());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            failed("batch of " + w.batch().records() + " records not written",
                    cause instanceof Exception failure ? failure : e);
            return;
        }
        meters.dbWrite().record(Duration.ofNanos(written.nanos()));
        stored.putAll(w.batch().nextOffsets());
        committedBatches++;
        afterCommit(w.batch(), written.outcome());
        if (state != State.RUNNING && state != State.STOPPED) {
            health.running(); // before the state: ready implies up
            state = State.RUNNING;
        }
    }

    private static <T> T awaitUninterruptibly(Future<T> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** At shutdown: writes what was read (unless it must be read again) and waits for it. */
    private void writeRest() {
        if (!batch.isEmpty() && !needsRecovery) {
            flush();
        }
        collect();
    }

    private void afterCommit(Batch b, BatchWriter.Outcome outcome) {
        if (recentlyServed != null) {
            b.served().forEach(row -> recentlyServed.served(row.userId(), row.micros()));
        }
        meters.batchSize().record(b.records());
        b.events().forEach((type, n) -> meters.registry().counter("telemetry.events", "type", type).increment(n));
        b.rejectedCounts().forEach((topic, byReason) -> byReason.forEach(
                (reason, n) -> meters.registry().counter("telemetry.rejected", "topic", topic, "reason", reason).increment(n)));
        meters.dlqSent().increment(b.deadLetters().size());
        meters.registry().counter("telemetry.predictions", "outcome", "predicted").increment(outcome.predicted());
        meters.registry().counter("telemetry.predictions", "outcome", "no_version").increment(outcome.withoutVersion());
        meters.registry().counter("telemetry.predictions", "outcome", "model_unavailable").increment(outcome.modelUnavailable());
        meters.registry().counter("telemetry.watch_through.matched").increment(outcome.watchedThrough());
        meters.experimentRowsWritten().increment(outcome.experimentRowsWritten());
        outcome.experimentRatingsSkipped().forEach(
                (reason, n) -> meters.registry().counter(Collector.EXPERIMENT_PREDICTIONS_SKIPPED, "reason", reason).increment(n));
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
        meters.dbFailures().increment();
        startOver(what, e);
    }

    /** Drops the pending batch and switches to recovery from the stored positions; counted as a loop restart. */
    private void startOver(String what, Exception e) {
        collect(); // a write in flight ends first (it may commit): the pool is flushed under no one
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
        collect(); // a write still in flight may commit: read the positions after it
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
    private void fillRecentlyServed() throws SQLException {
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
        int pending = batch.records() + (inFlight == null ? 0 : inFlight.batch().records());
        lagByTopic.replaceAll((topic, value) -> lag.getOrDefault(topic, 0L)
                + (topic.equals(config.kafka().movielogTopic()) ? pending : 0));
    }

    /** Seeks newly assigned partitions to their stored positions; writes the pending batch before partitions go. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            writeRest();
            partitions.forEach(stored::remove);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            collect(); // fenced if another member wrote meanwhile
            batch = new Batch(); // another member may own them already: its positions win
            partitions.forEach(stored::remove);
            needsRecovery = true;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            collect();
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
