package org.movierec.telemetry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.movierec.telemetry.TestSupport.await;
import static org.movierec.telemetry.TestSupport.longOf;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.movierec.contracts.events.MovielogParser;
import org.movierec.contracts.events.RateEvent;
import org.movierec.telemetry.ingest.Batch;
import org.movierec.telemetry.ingest.EventTimeBounds;
import org.movierec.telemetry.ingest.RecordRouter;
import org.movierec.telemetry.store.BatchWriter;
import org.movierec.telemetry.store.OffsetConflictException;
import org.movierec.testkit.KafkaTestResource;
import org.movierec.testkit.MongoTestResource;
import org.movierec.testkit.PostgresTestResource;

/**
 * Collector replicas (issue 17): a writer whose partition was revoked and given to another instance (a zombie: a
 * long GC pause, a network partition from the broker) must not commit what it read after the new owner did. The
 * fence is the stored position itself: a batch's transaction moves each partition's position in
 * {@code consumer_offsets} only from the one its writer read or last wrote ({@code OffsetStore}), so of two writers
 * that start from the same position exactly one commits, its rows with it; the other's rows vanish with its
 * rollback. No Kafka broker takes part: the batches are routed here from records built by the test and written by
 * the collector's own {@link BatchWriter} into the real PostgreSQL, each test under a consumer group and a topic of
 * its own (the running collector never sees them).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
class ZombieCommitFencingTest {

    static final String TOPIC = "fencing.movielog";
    static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    static final LocalDateTime T0 = LocalDateTime.parse("2025-10-20T01:00:00");
    static final Duration WAIT = Duration.ofSeconds(60);

    static Connection db;
    /** A second session, to watch the writers wait while {@link #db} holds a row. */
    static Connection observer;

    final RecordRouter router = new RecordRouter(new MovielogParser(), TOPIC, "fencing.served", ZoneId.of("UTC"),
            new EventTimeBounds(Clock.systemUTC(), Duration.ofMinutes(5), Instant.parse("1995-01-01T00:00:00Z")));

    @Inject
    BatchWriter writer;

    @BeforeAll
    static void connect() {
        db = connectToTheCollectorsDatabase();
        observer = connectToTheCollectorsDatabase();
    }

    static Connection connectToTheCollectorsDatabase() {
        var config = ConfigProvider.getConfig();
        return TestSupport.connect(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
        observer.close();
    }

    /**
     * The records at offsets {@code from} (inclusive) to {@code to} (exclusive) of {@link #PARTITION}: a rating of
     * movie {@code m<offset>} by {@code user} each, and at offset {@code from} a line with an unknown verb (a dead
     * letter: its count is an increment, so a batch written twice would show).
     */
    Batch batch(long user, long from, long to) {
        Batch batch = new Batch();
        for (long offset = from; offset < to; offset++) {
            String line = offset == from ? T0 + ":00," + user + ",JUMP " + offset
                    : new RateEvent(T0.plusSeconds(offset), user, "m" + offset, 1 + (int) (offset % 5)).toLine();
            router.route(new ConsumerRecord<>(TOPIC, 0, offset, null, line.getBytes(UTF_8)), batch);
        }
        return batch;
    }

    /** A first batch of offsets 0..9 (no stored position yet): afterwards the stored position is 10. */
    String groupAtPosition10(long user) throws Exception {
        String group = "fencing-" + UUID.randomUUID();
        writer.write(batch(user, 0, 10), group, Map.of());
        assertThat(writer.readOffsets(group)).containsExactly(Map.entry(PARTITION, 10L));
        return group;
    }

    long ratings(long user) {
        return longOf(db, "SELECT count(*) FROM rating_history WHERE user_id = ?", user);
    }

    long deadLetters() {
        return longOf(db, "SELECT coalesce(sum(count), 0) FROM dead_letter_counts WHERE topic = ?", TOPIC);
    }

    @Test
    void aZombiesLateCommitIsFencedAndItsRowsVanish() throws Exception {
        long user = 9_100_001;
        String group = groupAtPosition10(user);
        long deadBefore = deadLetters();
        // Instance A wrote up to 10, then stalled; the partition went to instance B, which reads the stored position
        // and commits offsets 10..19.
        Map<TopicPartition, Long> zombieKnows = Map.of(PARTITION, 10L);
        Map<TopicPartition, Long> newOwnerRead = writer.readOffsets(group);
        writer.write(batch(user, 10, 20), group, newOwnerRead);

        // A wakes up with the records 10..24 it had read before the revocation and commits late: fenced.
        assertThatThrownBy(() -> writer.write(batch(user, 10, 25), group, zombieKnows))
                .isInstanceOf(OffsetConflictException.class);

        assertThat(writer.readOffsets(group)).containsExactly(Map.entry(PARTITION, 20L));
        assertThat(ratings(user)).as("ratings m1..m9 and m11..m19, none of the zombie's m20..m24").isEqualTo(18);
        assertThat(deadLetters()).as("the dead letter at offset 10 counted once").isEqualTo(deadBefore + 1);
    }

    /**
     * Two writers from the same stored position whose transactions overlap: both have written their rows and wait
     * for the position's row (held by a third session until both wait), then whichever moves it first commits and
     * the other, re-reading the row PostgreSQL's way (READ COMMITTED re-checks an updated row's condition), finds
     * it moved and rolls back. Which one wins is up to PostgreSQL; that exactly one does, with its own rows, is not.
     */
    @Test
    void overlappingWritersFromOnePositionCommitExactlyOnce() throws Exception {
        long user = 9_100_002;
        String group = groupAtPosition10(user);
        long deadBefore = deadLetters();
        Map<TopicPartition, Long> bothRead = Map.of(PARTITION, 10L);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            List<Future<BatchWriter.Outcome>> outcomes = new ArrayList<>();
            db.setAutoCommit(false);
            try (PreparedStatement hold = db.prepareStatement(
                    "SELECT next_offset FROM consumer_offsets WHERE consumer_group = ? FOR UPDATE")) {
                hold.setString(1, group);
                hold.executeQuery().close();
                outcomes.add(writers.submit(() -> writer.write(batch(user, 10, 20), group, bothRead)));
                outcomes.add(writers.submit(() -> writer.write(batch(user, 10, 25), group, bothRead)));
                await("both writers waiting on a lock", WAIT, () -> waitingOnLocks() >= 2);
            } finally {
                db.rollback();
                db.setAutoCommit(true);
            }

            int committed = 0;
            int fenced = 0;
            for (Future<BatchWriter.Outcome> outcome : outcomes) {
                try {
                    outcome.get();
                    committed++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(OffsetConflictException.class);
                    fenced++;
                }
            }
            assertThat(committed).isEqualTo(1);
            assertThat(fenced).isEqualTo(1);
            long next = writer.readOffsets(group).get(PARTITION);
            assertThat(next).isIn(20L, 25L);
            // m1..m9 from the first batch, then m11..m(next-1) from the winner only.
            assertThat(ratings(user)).isEqualTo(9 + (next - 11));
            assertThat(deadLetters()).isEqualTo(deadBefore + 1);
        } finally {
            writers.shutdownNow();
        }
    }

    /** Sessions of this database waiting for a lock (a row or another transaction). */
    static long waitingOnLocks() {
        return longOf(observer, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND datname = current_database()");
    }
}
