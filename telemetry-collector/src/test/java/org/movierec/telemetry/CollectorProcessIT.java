package org.movierec.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.movierec.telemetry.TestSupport.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.movierec.telemetry.drill.CollectorProcess;
import org.movierec.telemetry.drill.Expectations;
import org.movierec.telemetry.drill.LocalPlatform;
import org.movierec.telemetry.drill.StreamGenerator;
import org.movierec.telemetry.schema.TelemetrySchema;
import org.movierec.testkit.ServiceProcess;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Fault drills on the real thing: the collector's fast-jar in its own JVM, a Kafka broker (3 partitions),
 * PostgreSQL and MongoDB on loopback. Runs after {@code package} (failsafe). After every drill PostgreSQL must hold
 * exactly the generated stream: no event lost (rows, distinct minutes) and none repeated (the dead-letter counts
 * are increments, so a batch written twice would show).
 *
 * <p>The platform and the stream are shared by the drills (one per JVM; each drill adds to the stream and checks all
 * of it), the drills are independent of each other and of their order: each starts the collector it needs.
 */
class CollectorProcessIT {

    static final Duration WAIT = Duration.ofSeconds(120);
    static final Path LOGS = Path.of("target/drill-logs");

    /** The channel of {@link #NOTIFY_COMMITS}. */
    static final String COMMITTED = "drill_batch_committed";

    /** One notification per committed batch (identical notifications of one transaction are delivered once). */
    static final String NOTIFY_COMMITS = """
            CREATE OR REPLACE FUNCTION drill_notify_commit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('%s', txid_current()::text);
                RETURN NULL;
            END
            $$;
            DROP TRIGGER IF EXISTS drill_notify_commit ON consumer_offsets;
            CREATE TRIGGER drill_notify_commit AFTER INSERT OR UPDATE ON consumer_offsets
                FOR EACH STATEMENT EXECUTE FUNCTION drill_notify_commit();
            """.formatted(COMMITTED);

    static LocalPlatform platform;
    static KafkaProducer<byte[], byte[]> producer;
    static KafkaConsumer<byte[], byte[]> ends;
    static Connection db;
    static StreamGenerator stream;
    /** The collector that runs between drills; a drill that needs one running starts it if there is none. */
    static ServiceProcess collector;
    /**
     * Every collector process a drill started: stopped after the drill, whatever its outcome, so that a failed drill
     * leaves no process in the consumer group (it would take partitions in the next drill) nor on the machine.
     */
    static final List<ServiceProcess> started = new ArrayList<>();

    @BeforeAll
    static void startPlatform() {
        platform = LocalPlatform.start(3);
        producer = TestSupport.producer(platform.kafka.bootstrapServers());
        ends = TestSupport.consumer(platform.kafka.bootstrapServers());
        stream = new StreamGenerator(42, 50_000, 2_000, "v-none");
    }

    @AfterEach
    void stopTheDrillsProcesses() {
        started.forEach(ServiceProcess::close);
        started.clear();
        collector = null;
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (db != null) {
            db.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (ends != null) {
            ends.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    static void produce(long records) {
        long target = stream.records() + records;
        while (stream.records() < target) {
            for (StreamGenerator.Item item : stream.next()) {
                producer.send(new ProducerRecord<>(item.topic(), item.key(), item.value()));
            }
        }
        producer.flush();
    }

    static ServiceProcess startCollector(String name, Map<String, String> extra) {
        Map<String, String> settings = platform.collectorSettings();
        settings.put("telemetry.batch.max-records", "5000");
        settings.put("telemetry.kafka.instance-id", "collector-0"); // a restart takes over at once
        settings.putAll(extra);
        ServiceProcess process = CollectorProcess.start(settings, LOGS.resolve(name + ".log"), "384m");
        started.add(process);
        return process;
    }

    /** The collector between drills, started if none runs, and ready. */
    static ServiceProcess runningCollector() {
        if (collector == null || !collector.isAlive()) {
            collector = startCollector("collector", Map.of());
        }
        await("ready", WAIT, () -> collector.status("/q/health/ready") == 200);
        return collector;
    }

    /** Stops the collector between drills, for a drill that runs its own. */
    static void stopCollector() {
        if (collector != null) {
            collector.close();
            collector = null;
        }
    }

    /**
     * Starts a collector and kills it (SIGKILL) the moment PostgreSQL has committed its {@code commits}-th batch:
     * a statement trigger on {@code consumer_offsets}, which every batch writes, sends a notification, and
     * PostgreSQL delivers notifications at commit. The schema is migrated first so the trigger is in place before
     * the collector's first batch (its own migration then finds nothing to do).
     *
     * @return the exit code of the killed collector
     */
    static int killAfterCommits(String name, int commits) {
        return killAfterCommits(name, commits, Map.of());
    }

    /** As {@link #killAfterCommits(String, int)}, the collector started with {@code extra} settings. */
    static int killAfterCommits(String name, int commits, Map<String, String> extra) {
        TelemetrySchema.migrate(platform.postgres.jdbcUrl(), platform.postgres.user(), platform.postgres.password(),
                "auto");
        try (Connection listener = platform.connect(); Statement s = listener.createStatement()) {
            s.execute(NOTIFY_COMMITS);
            s.execute("LISTEN " + COMMITTED);
            ServiceProcess process = startCollector(name, extra);
            PGConnection pg = listener.unwrap(PGConnection.class);
            int[] seen = {0};
            await(commits + " commits of " + name, WAIT, () -> {
                seen[0] += notifications(pg).length;
                return seen[0] >= commits;
            });
            int exit = process.kill();
            s.execute("DROP TRIGGER drill_notify_commit ON consumer_offsets");
            return exit;
        } catch (SQLException e) {
            throw new AssertionError("commit notifications", e);
        }
    }

    /** The notifications PostgreSQL delivers within 100 ms. */
    static PGNotification[] notifications(PGConnection pg) {
        try {
            PGNotification[] received = pg.getNotifications(100);
            return received == null ? new PGNotification[0] : received;
        } catch (SQLException e) {
            throw new AssertionError("commit notifications", e);
        }
    }

    /** The test's own connection, opened again after PostgreSQL was restarted. */
    static Connection db() {
        try {
            if (db == null || !db.isValid(2)) {
                if (db != null) {
                    db.close();
                }
                db = platform.connect();
            }
            return db;
        } catch (java.sql.SQLException | AssertionError e) {
            return null;
        }
    }

    static long storedPositions() {
        try {
            Connection c = db();
            return c == null ? -1 : TestSupport.longOf(c, "SELECT coalesce(sum(next_offset), 0) FROM consumer_offsets");
        } catch (AssertionError e) {
            return -1;
        }
    }

    static void awaitExactlyTheStream() {
        Map<TopicPartition, Long> end = TestSupport.endOffsets(ends, List.of("movielog", "recsys.served"));
        await("stored positions at the end of the topics", WAIT,
                () -> db() != null && TestSupport.caughtUp(db(), "telemetry-collector", end));
        Map<String, long[]> comparison = Expectations.compare(db(), stream);
        assertThat(Expectations.exact(comparison)).as("PostgreSQL holds exactly the stream:%n%s",
                Expectations.describe(comparison)).isTrue();
    }

    @Test
    void killMinus9AtAnyMomentLosesAndRepeatsNothing() {
        stopCollector();
        produce(100_000);
        // A real process killed right after its 3rd commit, the moment PostgreSQL reports it.
        assertThat(killAfterCommits("killed-after-commit", 3)).isEqualTo(137);
        long afterFirst = storedPositions();
        assertThat(afterFirst).isPositive();

        // A real kill -9 in the middle of the stream, wherever the collector is.
        ServiceProcess killed = startCollector("killed", Map.of());
        await("the collector past the first one's positions", WAIT, () -> storedPositions() > afterFirst + 10_000);
        assertThat(killed.kill()).isEqualTo(137);
        long afterKill = storedPositions();
        assertThat(afterKill).isLessThan(stream.records());

        runningCollector();
        awaitExactlyTheStream();
    }

    @Test
    void killMinus9WithTwoConsumerLoopsLosesAndRepeatsNothing() {
        stopCollector();
        Map<String, String> twoLoops = Map.of("telemetry.kafka.consumers", "2");
        produce(100_000);
        // Killed the moment PostgreSQL reports a commit of either loop: the other may be mid-transaction.
        assertThat(killAfterCommits("two-loops-killed-after-commit", 3, twoLoops)).isEqualTo(137);
        long afterFirst = storedPositions();
        assertThat(afterFirst).isPositive();

        ServiceProcess killed = startCollector("two-loops-killed", twoLoops);
        await("the collector past the first one's positions", WAIT, () -> storedPositions() > afterFirst + 10_000);
        assertThat(killed.kill()).isEqualTo(137);
        assertThat(storedPositions()).isLessThan(stream.records());

        collector = startCollector("two-loops", twoLoops);
        await("ready", WAIT, () -> collector.status("/q/health/ready") == 200);
        awaitExactlyTheStream();
        stopCollector(); // the other drills start the collector they need
    }

    /**
     * Collector replicas (issue 17): two collector processes in one consumer group, as two pods would run. The
     * second joins while the first is consuming and records flow, so the group rebalances under load (the first
     * writes its pending batch as its partitions are revoked, the second seeks to the stored positions); then the
     * first is killed with SIGKILL mid-stream and, when its session expires, the survivor takes its partitions back
     * from the positions PostgreSQL holds. The second commits asynchronously ({@code telemetry.batch.durable-commit}
     * false), which must not change any of it. Every record stored exactly once. (The fencing of a writer that keeps
     * writing after its partitions went elsewhere is tested deterministically in {@code ZombieCommitFencingTest}.)
     */
    @Test
    void twoCollectorProcessesRebalancedWhileRecordsFlowThenOneKilledStoreEveryRecordOnce() {
        stopCollector();
        produce(100_000);
        long before = storedPositions();
        ServiceProcess first = startCollector("replica-a", replica("collector-a"));
        await("the first replica committing", WAIT, () -> storedPositions() > before);

        // The second commits asynchronously (telemetry.batch.durable-commit=false): exactly once must not depend on it.
        Map<String, String> asynchronous = new HashMap<>(replica("collector-b"));
        asynchronous.put("telemetry.batch.durable-commit", "false");
        ServiceProcess second = startCollector("replica-b", asynchronous);
        // Records flow while the group rebalances to two members, until the second has written some of its own: a
        // fixed amount may all be consumed by the first before the second has even joined (seen on a quiet machine).
        await("the second replica committed a batch", WAIT, () -> {
            produce(2_000);
            return batchesWritten(second) > 0;
        });
        produce(100_000);
        assertThat(first.kill()).isEqualTo(137); // wherever it is in those records

        collector = second; // the survivor, which gets the killed one's partitions when its session expires
        produce(20_000); // on every partition: stored only once the survivor owns the killed one's too
        awaitExactlyTheStream();
        assertThat(second.isAlive()).isTrue();
        stopCollector(); // the other drills start the collector they need
    }

    /** The settings of one of several collector replicas: its own instance id, and a short session for the drill. */
    static Map<String, String> replica(String instanceId) {
        return Map.of("telemetry.kafka.instance-id", instanceId, "telemetry.kafka.session-timeout", "6s");
    }

    /** Batches {@code collector} has committed, from its metrics (0 while it cannot answer). */
    static long batchesWritten(ServiceProcess collector) {
        try {
            for (String line : collector.get("/q/metrics").split("\n")) {
                if (line.startsWith("telemetry_db_write_seconds_count")) {
                    return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Test
    void postgresDownStopsConsumingAndResumesWithoutLoss() {
        ServiceProcess running = runningCollector();
        platform.postgres.stop();
        produce(20_000);
        await("not ready while PostgreSQL is down", WAIT, () -> running.status("/q/health/ready") == 503);
        platform.postgres.start();
        await("ready again", WAIT, () -> running.status("/q/health/ready") == 200);
        awaitExactlyTheStream();
    }

    @Test
    void aBrokerRestartIsResumedFrom() {
        ServiceProcess running = runningCollector();
        platform.kafka.stop();
        platform.kafka.start();
        produce(20_000);
        awaitExactlyTheStream();
        assertThat(running.isAlive()).isTrue();
    }
}
