package org.movierec.telemetry.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.movierec.contracts.events.MovielogParser;
import org.movierec.contracts.events.ServedEvent;

class RecordRouterTest {

    /** "Now" for these tests: the times of the lines below are before it. */
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final EventTimeBounds BOUNDS = new EventTimeBounds(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5),
            Instant.parse("1995-01-01T00:00:00Z"));

    final RecordRouter router = new RecordRouter(new MovielogParser(), "movielog", "recsys.served", ZoneId.of("UTC"), BOUNDS);

    static ConsumerRecord<byte[], byte[]> record(String topic, long offset, String value) {
        return new ConsumerRecord<>(topic, 2, offset, null, value == null ? null : value.getBytes(UTF_8));
    }

    @Test
    void filesEachEventIntoItsColumnsAndTracksPositions() {
        Batch batch = new Batch();
        router.route(record("movielog", 10, "2025-10-17T01:38:54.5,7,GET /data/m/padre+nuestro+2007/3.mpg"), batch);
        router.route(record("movielog", 11, "2025-10-17T01:38:55,7,GET /rate/padre+nuestro+2007=4"), batch);
        router.route(record("movielog", 12, "2025-10-17T01:38:56,7,recommendation request s:1, status 200, result: a, b, 5ms"), batch);
        router.route(record("movielog", 13, "2025-10-17T01:38:57,8,GET /create_account"), batch);
        ServedEvent served = new ServedEvent(Instant.parse("2025-10-17T01:38:54.123456Z"), "r", 7, null, null, "v1",
                List.of("a", "b"), 1, 200, false);
        router.route(record("recsys.served", 4, served.toJson()), batch);

        assertThat(batch.records()).isEqualTo(5);
        assertThat(batch.nextOffsets()).containsExactlyInAnyOrderEntriesOf(Map.of(
                new TopicPartition("movielog", 2), 14L, new TopicPartition("recsys.served", 2), 5L));
        assertThat(batch.watches().micros()).containsExactly(Instant.parse("2025-10-17T01:38:54.5Z").toEpochMilli() * 1000);
        assertThat(batch.watches().minutes()).containsExactly(3);
        assertThat(batch.ratings().ratings()).containsExactly(4);
        assertThat(batch.requests()).singleElement().satisfies(r -> {
            assertThat(r.results()).isEqualTo("a,b");
            assertThat(r.latencyMs()).isEqualTo(5);
        });
        assertThat(batch.accounts()).singleElement().satisfies(a -> assertThat(a.userId()).isEqualTo(8));
        assertThat(batch.served()).singleElement().satisfies(s -> {
            assertThat(s.micros()).isEqualTo(Instant.parse("2025-10-17T01:38:54Z").getEpochSecond() * 1_000_000 + 123_456);
            assertThat(s.items()).isEqualTo("a,b");
        });
        assertThat(batch.events()).containsEntry(Batch.WATCH, 1L).containsEntry(Batch.SERVED, 1L);
        assertThat(batch.deadLetters()).isEmpty();
    }

    @Test
    void badRecordsBecomeDeadLettersWithTheirReasonAndPosition() {
        Batch batch = new Batch();
        router.route(record("movielog", 20, "2025-10-17T01:38:55,7,GET /rate/m=6"), batch);
        router.route(record("movielog", 21, null), batch);
        router.route(record("recsys.served", 22, "{oops"), batch);
        ServedEvent badItems = new ServedEvent(Instant.EPOCH, "r", 7, null, null, null, List.of("A B"), 1, 200, false);
        router.route(record("recsys.served", 23, badItems.toJson()), batch);

        assertThat(batch.deadLetters()).extracting(DeadLetter::reason)
                .containsExactly("rating_out_of_range", "empty", DeadLetter.BAD_SERVED_EVENT, "bad_movie_id");
        assertThat(batch.deadLetters()).extracting(DeadLetter::offset).containsExactly(20L, 21L, 22L, 23L);
        assertThat(batch.rejectedCounts().get("movielog")).containsEntry("rating_out_of_range", 1L).containsEntry("empty", 1L);
        assertThat(batch.nextOffsets()).containsEntry(new TopicPartition("movielog", 2), 22L);
    }

    @Test
    void timesAfterNowPlusTheSkewOrBeforeTheFloorAreDeadLettered() {
        Batch batch = new Batch();
        router.route(record("movielog", 30, "2099-01-01T00:00:00,7,GET /rate/m=4"), batch);
        router.route(record("movielog", 31, "9999-12-31T23:59:59.999999999,7,GET /data/m/m/0.mpg"), batch);
        router.route(record("movielog", 32, "0000-01-01T00:00:00,7,GET /create_account"), batch);
        router.route(record("movielog", 33, "1994-12-31T23:59:59,7,GET /rate/m=4"), batch);
        router.route(record("movielog", 34, "2026-01-01T00:05:00.000001,7,GET /rate/m=4"), batch); // 1 µs past the skew
        ServedEvent future = new ServedEvent(Instant.parse("2099-01-01T00:00:00Z"), "r", 7, null, null, null,
                List.of("a"), 1, 200, false);
        router.route(record("recsys.served", 35, future.toJson()), batch);
        ServedEvent ancient = new ServedEvent(Instant.EPOCH, "r", 7, null, null, null, List.of("a"), 1, 200, false);
        router.route(record("recsys.served", 36, ancient.toJson()), batch);
        // On the bounds: kept.
        router.route(record("movielog", 37, "2026-01-01T00:05:00,7,GET /rate/m=5"), batch);
        router.route(record("movielog", 38, "1995-01-01T00:00:00,7,GET /rate/m=3"), batch);

        assertThat(batch.deadLetters()).extracting(DeadLetter::reason).containsExactly(
                "time_in_future", "time_in_future", "time_before_floor", "time_before_floor", "time_in_future",
                "time_in_future", "time_before_floor");
        assertThat(batch.deadLetters()).extracting(DeadLetter::offset).containsExactly(30L, 31L, 32L, 33L, 34L, 35L, 36L);
        assertThat(batch.deadLetters().get(0).detail()).contains("2099-01-01T00:00:00Z", "PT5M");
        assertThat(batch.rejectedCounts().get("movielog")).containsEntry("time_in_future", 3L)
                .containsEntry("time_before_floor", 2L);
        assertThat(batch.rejectedCounts().get("recsys.served")).containsEntry("time_in_future", 1L)
                .containsEntry("time_before_floor", 1L);
        assertThat(batch.ratings().ratings()).containsExactly(5, 3);
    }

    @Test
    void streamTimesAreReadInTheConfiguredZone() {
        RecordRouter paris = new RecordRouter(new MovielogParser(), "movielog", "recsys.served", ZoneId.of("Europe/Paris"), BOUNDS);
        Batch batch = new Batch();
        paris.route(record("movielog", 0, "2025-07-01T12:00:00,7,GET /data/m/m/0.mpg"), batch);
        assertThat(batch.watches().micros()).containsExactly(Instant.parse("2025-07-01T10:00:00Z").getEpochSecond() * 1_000_000);
    }

    @Test
    void theLineHashIsStable() {
        assertThat(RecordRouter.fnv1a64("a")).isEqualTo(RecordRouter.fnv1a64("a")).isNotEqualTo(RecordRouter.fnv1a64("b"));
    }
}
