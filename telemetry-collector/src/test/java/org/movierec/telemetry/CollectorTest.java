package org.movierec.telemetry;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.movierec.telemetry.TestSupport.await;
import static org.movierec.telemetry.TestSupport.longOf;
import static org.movierec.telemetry.TestSupport.rows;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jpountz.lz4.LZ4Factory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.movierec.contracts.events.RateEvent;
import org.movierec.contracts.events.RecommendationRequestEvent;
import org.movierec.contracts.events.ServedEvent;
import org.movierec.contracts.events.WatchEvent;
import org.movierec.core.model.SvdModel;
import org.movierec.platform.kafka.Lz4Codec;
import org.movierec.registry.ModelRegistry;
import org.movierec.telemetry.ingest.DeadLetterPublisher;
import org.movierec.telemetry.ingest.FailingPollConsumers;
import org.movierec.telemetry.quality.OnlineQualityGauges;
import org.movierec.telemetry.store.CrashingBatchWriter;
import org.movierec.telemetry.schema.V2DetectionChange;
import org.movierec.testkit.KafkaTestResource;
import org.movierec.testkit.MongoTestResource;
import org.movierec.testkit.PostgresTestResource;

/**
 * The collector in Quarkus against a real Kafka broker, a real PostgreSQL (plain, no TimescaleDB) and a
 * wire-compatible MongoDB registry (one of each per JVM). The tests are independent, in any order: each uses its
 * own users (and its own dead-letter reasons where it counts them), arms its own crash points, and waits until the
 * stored positions reach the end of the topics before it looks at the tables.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
class CollectorTest {

    static final String GROUP = "telemetry-collector";
    static final List<String> TOPICS = List.of("movielog", "recsys.served");
    static final Duration WAIT = Duration.ofSeconds(60);
    static final LocalDateTime T0 = LocalDateTime.parse("2025-10-17T01:00:00");

    static KafkaProducer<byte[], byte[]> producer;
    static KafkaConsumer<byte[], byte[]> offsets;
    static Connection db;
    static MongoClient mongo;

    @Inject
    FailingPollConsumers consumers;

    @Inject
    CrashingBatchWriter writer;

    @Inject
    Flyway flyway;

    @Inject
    OnlineQualityGauges gauges;

    static TestSupport.Clients clients;

    @BeforeAll
    static void connect() {
        clients = TestSupport.Clients.open();
        producer = clients.producer();
        offsets = clients.offsets();
        db = clients.db();
        mongo = clients.mongo();
    }

    @AfterAll
    static void close() throws Exception {
        clients.close();
    }

    @BeforeEach
    void ready() {
        await("collector ready", WAIT, () -> given().get("/q/health/ready").statusCode() == 200);
    }

    static RecordMetadata line(String text) {
        return TestSupport.send(producer, "movielog", text.getBytes(UTF_8));
    }

    static void served(ServedEvent event) {
        TestSupport.send(producer, "recsys.served", event.toJson().getBytes(UTF_8));
    }

    /** The time as a movielog line writes it (always with seconds). */
    static String at(LocalDateTime t) {
        return t.format(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    static Instant utc(LocalDateTime t) {
        return t.toInstant(java.time.ZoneOffset.UTC);
    }

    /** Waits until PostgreSQL holds everything sent so far. */
    static void awaitStored() {
        Map<TopicPartition, Long> ends = TestSupport.endOffsets(offsets, TOPICS);
        await("stored positions at " + ends, WAIT, () -> TestSupport.caughtUp(db, GROUP, ends));
    }

    @Test
    void plainPostgresPathWithTheViewsOfTheTimescalePath() {
        assertThat(rows(db, "SELECT flavour FROM storage_flavour")).containsExactly(List.of("postgresql"));
        // The continuous aggregate's columns, as the Timescale path defines them; the plain view answers the same.
        assertThat(columns("online_error_5m")).containsExactly(
                "bucket timestamp with time zone", "model_version text", "experiment text", "arm text",
                "predictions bigint", "sum_squared_error double precision", "sum_absolute_error double precision");
        assertThat(columns("online_rmse")).containsExactly(
                "model_version text", "experiment text", "arm text", "predictions bigint", "rmse double precision",
                "mae double precision", "first_bucket timestamp with time zone", "last_bucket timestamp with time zone");
        assertThat(columns("watch_through")).containsExactly("experiment text", "arm text", "model_version text",
                "served bigint", "watched bigint", "rate double precision");
        assertThat(rows(db, "SELECT table_type FROM information_schema.tables WHERE table_name = 'online_error_5m'"))
                .containsExactly(List.of("VIEW"));
    }

    static List<String> columns(String relation) {
        List<String> columns = new ArrayList<>();
        for (List<Object> row : rows(db, "SELECT column_name, data_type FROM information_schema.columns "
                + "WHERE table_name = ? ORDER BY ordinal_position", relation)) {
            columns.add(row.get(0) + " " + row.get(1));
        }
        return columns;
    }

    @Test
    void everyEventTypeLands() {
        long u = 1001;
        line(new WatchEvent(T0, u, "padre+nuestro+2007", 0).toLine());
        line(new WatchEvent(T0.plusMinutes(1), u, "padre+nuestro+2007", 1).toLine());
        line(new WatchEvent(T0.plusMinutes(2), u, "padre+nuestro+2007", 2).toLine());
        line(new WatchEvent(T0.plusMinutes(9), u, "padre+nuestro+2007", 9).toLine());
        line(at(T0.plusMinutes(10)) + "," + u + ",GET /rate/padre+nuestro+2007=4");
        line(at(T0.plusMinutes(11)) + "," + u + ",GET /rate/padre+nuestro+2007=5"); // the latest rating wins
        line(at(T0.plusMinutes(3)) + "," + u + ",GET /rate/padre+nuestro+2007=2");  // out of order: history only
        line("2025-10-17T01:33:45.122692921," + u
                + ",recommendation request 17645-team01.isri.cmu.edu:8082, status 200, result: 1, 2, 3, 25 ms");
        line("2025-10-17T01:34:00," + u
                + ",recommendation request srv:8082, status 0, result: java.net.ConnectException: Connection refused, 1ms");
        line(at(T0) + "," + u + ",GET /create_account");
        served(new ServedEvent(utc(T0), "r-1001", u, "exp-0", "a", null, List.of("7", "8"), 3.5, 200, true));
        awaitStored();

        assertThat(rows(db, "SELECT first_at, last_at, minutes_watched, max_minute, minutes::text FROM watch_sessions WHERE user_id = ?", u))
                .containsExactly(List.of(ts(T0), ts(T0.plusMinutes(9)), 4, 9, "{[0,3),[9,10)}"));
        assertThat(rows(db, "SELECT movie_id, rating, rated_at FROM ratings WHERE user_id = ?", u))
                .containsExactly(List.of("padre+nuestro+2007", 5, ts(T0.plusMinutes(11))));
        assertThat(longOf(db, "SELECT count(*) FROM rating_history WHERE user_id = ?", u)).isEqualTo(3);
        assertThat(rows(db, "SELECT status, array_to_string(results, ','), latency_ms, error FROM recommendation_requests "
                + "WHERE user_id = ? ORDER BY requested_at", u)).containsExactly(
                row(200, "1,2,3", 25, null),
                row(0, "", 1, "java.net.ConnectException: Connection refused"));
        assertThat(rows(db, "SELECT requested_at FROM recommendation_requests WHERE user_id = ? AND status = 200", u))
                .containsExactly(List.of(Timestamp.from(Instant.parse("2025-10-17T01:33:45.122692Z"))));
        assertThat(rows(db, "SELECT created_at FROM accounts WHERE user_id = ?", u)).containsExactly(List.of(ts(T0)));
        assertThat(rows(db, "SELECT request_id, experiment, arm, model_version, array_to_string(items, ','), fallback "
                + "FROM served_recommendations WHERE user_id = ?", u))
                .containsExactly(row("r-1001", "exp-0", "a", null, "7,8", true));
    }

    static List<Object> row(Object... values) {
        return java.util.Arrays.asList(values);
    }

    static Timestamp ts(LocalDateTime t) {
        return Timestamp.from(utc(t));
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicsWithReasonsAndSourcePositions() {
        long before = deadLetterCount("movielog", "rating_out_of_range");
        Map<String, String> bad = new HashMap<>();
        bad.put(at(T0) + ",2001,GET /rate/m1=9", "rating_out_of_range");
        bad.put(at(T0) + ",2001,GET /rate/m1", "truncated");
        bad.put(at(T0) + ",2001,POST /rate/m1=3", "unknown_verb");
        bad.put(at(T0) + ",-4,GET /data/m/m1/3.mpg", "bad_user");
        bad.put("2025-13-17T01:00:00,2001,GET /data/m/m1/3.mpg", "bad_time");
        bad.put("", "empty");
        bad.put(at(T0) + ",2001,GET /data/m/m1/3.mpg" + "x".repeat(5000), "too_long");
        Map<Long, String> reasonByOffset = new HashMap<>();
        Map<Long, String> lineByOffset = new HashMap<>();
        for (Map.Entry<String, String> e : bad.entrySet()) {
            RecordMetadata m = line(e.getKey());
            reasonByOffset.put(m.offset(), e.getValue());
            lineByOffset.put(m.offset(), e.getKey());
        }
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0, 1, 2};
        RecordMetadata g = TestSupport.send(producer, "movielog", garbage);
        TestSupport.send(producer, "recsys.served", "{\"not\":\"a served event\"}".getBytes(UTF_8));
        line(at(T0) + ",2001,GET /data/m/m1/3.mpg"); // a good one among them
        awaitStored();

        Map<Long, ConsumerRecord<byte[], byte[]>> dlq = readAll("movielog.dlq");
        for (Map.Entry<Long, String> e : reasonByOffset.entrySet()) {
            ConsumerRecord<byte[], byte[]> letter = dlq.get(e.getKey());
            assertThat(letter).as("dead letter of offset %d", e.getKey()).isNotNull();
            assertThat(new String(letter.value(), UTF_8)).isEqualTo(lineByOffset.get(e.getKey()));
            assertThat(header(letter, DeadLetterPublisher.REASON)).isEqualTo(e.getValue());
            assertThat(header(letter, DeadLetterPublisher.SOURCE_TOPIC)).isEqualTo("movielog");
            assertThat(header(letter, DeadLetterPublisher.SOURCE_PARTITION)).isEqualTo("0");
            assertThat(header(letter, DeadLetterPublisher.DETAIL)).isNotBlank();
        }
        assertThat(dlq.get(g.offset()).value()).isEqualTo(garbage); // the original bytes, untouched
        assertThat(readAll("recsys.served.dlq").values()).anySatisfy(
                r -> assertThat(header(r, DeadLetterPublisher.REASON)).isEqualTo("bad_served_event"));
        assertThat(deadLetterCount("movielog", "rating_out_of_range")).isEqualTo(before + 1);
        assertThat(longOf(db, "SELECT count(*) FROM watch_sessions WHERE user_id = 2001")).isEqualTo(1);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("telemetry_rejected_total{reason=\"rating_out_of_range\",topic=\"movielog\"}"))
                .body(containsString("telemetry_rejected_total{reason=\"bad_served_event\",topic=\"recsys.served\"} 1.0"));
    }

    /**
     * Event times after now plus the skew (5 minutes by default) or before the floor (1995) are dead-lettered with
     * their own reasons, and a future-dated rating does not take the place of the pair's real latest rating.
     */
    @Test
    void eventTimesOutsideTheBoundsGoToTheDeadLetterTopicsWithTheirReasons() {
        long u = 2101;
        Map<Long, String> reasonByOffset = new HashMap<>();
        String aRealRating = at(T0) + "," + u + ",GET /rate/m1=4";
        line(aRealRating);
        reasonByOffset.put(line("2099-01-01T00:00:00," + u + ",GET /rate/m1=1").offset(), "time_in_future");
        reasonByOffset.put(line("9999-12-31T23:59:59.999999999," + u + ",GET /data/m/m1/3.mpg").offset(), "time_in_future");
        reasonByOffset.put(line("0000-01-01T00:00:00," + u + ",GET /create_account").offset(), "time_before_floor");
        reasonByOffset.put(line("1994-12-31T23:59:59," + u + ",GET /rate/m1=2").offset(), "time_before_floor");
        served(new ServedEvent(Instant.parse("2099-01-01T00:00:00Z"), "r-2101", u, null, null, null, List.of("m1"), 1,
                200, false));
        awaitStored();

        Map<Long, ConsumerRecord<byte[], byte[]>> dlq = readAll("movielog.dlq");
        for (Map.Entry<Long, String> e : reasonByOffset.entrySet()) {
            ConsumerRecord<byte[], byte[]> letter = dlq.get(e.getKey());
            assertThat(letter).as("dead letter of offset %d", e.getKey()).isNotNull();
            assertThat(header(letter, DeadLetterPublisher.REASON)).isEqualTo(e.getValue());
            assertThat(header(letter, DeadLetterPublisher.DETAIL)).contains("event time");
        }
        assertThat(readAll("recsys.served.dlq").values()).anySatisfy(
                r -> assertThat(header(r, DeadLetterPublisher.REASON)).isEqualTo("time_in_future"));
        assertThat(rows(db, "SELECT rating, rated_at FROM ratings WHERE user_id = ?", u))
                .containsExactly(List.of(4, ts(T0)));
        assertThat(longOf(db, "SELECT count(*) FROM rating_history WHERE user_id = ?", u)).isEqualTo(1);
        assertThat(longOf(db, "SELECT count(*) FROM watch_sessions WHERE user_id = ?", u)).isZero();
        assertThat(longOf(db, "SELECT count(*) FROM accounts WHERE user_id = ?", u)).isZero();
        assertThat(longOf(db, "SELECT count(*) FROM served_recommendations WHERE user_id = ?", u)).isZero();
        assertThat(deadLetterCount("movielog", "time_in_future")).isEqualTo(2);
        assertThat(deadLetterCount("movielog", "time_before_floor")).isEqualTo(2);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("telemetry_rejected_total{reason=\"time_in_future\",topic=\"movielog\"} 2.0"))
                .body(containsString("telemetry_rejected_total{reason=\"time_before_floor\",topic=\"movielog\"} 2.0"))
                .body(containsString("telemetry_rejected_total{reason=\"time_in_future\",topic=\"recsys.served\"} 1.0"));
    }

    static long deadLetterCount(String topic, String reason) {
        return longOf(db, "SELECT coalesce(sum(count), 0) FROM dead_letter_counts WHERE topic = ? AND reason = ?", topic, reason);
    }

    /** Every record of the one partition of {@code topic}, by the source offset in its headers. */
    static Map<Long, ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Map<TopicPartition, Long> ends = TestSupport.endOffsets(offsets, List.of(topic));
        offsets.assign(ends.keySet());
        offsets.seekToBeginning(ends.keySet());
        Map<Long, ConsumerRecord<byte[], byte[]>> byOffset = new HashMap<>();
        await("reading " + topic, WAIT, () -> {
            for (ConsumerRecord<byte[], byte[]> r : offsets.poll(Duration.ofMillis(200))) {
                byOffset.put(Long.parseLong(header(r, DeadLetterPublisher.SOURCE_OFFSET)), r);
            }
            return ends.entrySet().stream().allMatch(e -> offsets.position(e.getKey()) >= e.getValue());
        });
        offsets.unsubscribe();
        return byOffset;
    }

    static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), UTF_8);
    }

    @Test
    void duplicatesAreStoredOnce() {
        long u = 3001;
        List<String> lines = List.of(
                new WatchEvent(T0, u, "m1", 5).toLine(),
                new RateEvent(T0.plusMinutes(1), u, "m1", 3).toLine(),
                RecommendationRequestEvent.success(T0, u, "srv", 200, List.of("m1", "m2"), 12).toLine(),
                at(T0) + "," + u + ",recommendation request srv, status 200, result: m1, m2, 12ms", // same call, other spelling
                at(T0) + "," + u + ",GET /create_account");
        ServedEvent s = new ServedEvent(utc(T0), "r-3001", u, null, null, null, List.of("m1"), 1, 200, false);
        for (int k = 0; k < 2; k++) {
            lines.forEach(CollectorTest::line);
            served(s);
        }
        awaitStored();
        // and once more in a later batch
        lines.forEach(CollectorTest::line);
        served(s);
        awaitStored();
        assertThat(rows(db, "SELECT minutes_watched FROM watch_sessions WHERE user_id = ?", u)).containsExactly(List.of(1));
        assertThat(longOf(db, "SELECT count(*) FROM rating_history WHERE user_id = ?", u)).isEqualTo(1);
        assertThat(longOf(db, "SELECT count(*) FROM online_predictions WHERE user_id = ?", u)).isEqualTo(1);
        assertThat(longOf(db, "SELECT count(*) FROM recommendation_requests WHERE user_id = ?", u)).isEqualTo(1);
        assertThat(longOf(db, "SELECT count(*) FROM accounts WHERE user_id = ?", u)).isEqualTo(1);
        assertThat(longOf(db, "SELECT count(*) FROM served_recommendations WHERE user_id = ?", u)).isEqualTo(1);
    }

    @Test
    void onlinePredictionsUseTheModelVersionThatServedTheUser() throws Exception {
        MongoDatabase registryDb = mongo.getDatabase("movierec");
        ModelRegistry registry = new ModelRegistry(registryDb);
        SvdModel m1 = TestSupport.trained(1);
        SvdModel m2 = TestSupport.trained(2);
        String v1 = registry.register(m1, Map.of("rmse", 0.9), Map.of()).version();
        String v2 = registry.register(m2, Map.of("rmse", 0.9), Map.of()).version();

        String a = m1.users().idAt(0);
        String b = m1.users().idAt(1);
        String c = m1.users().idAt(2); // never served
        String movie = m1.items().idAt(3);
        LocalDateTime t = T0.plusDays(1);
        served(new ServedEvent(utc(t), "r-a1", Long.parseLong(a), "exp-1", "control", v1, List.of(movie), 2, 200, false));
        served(new ServedEvent(utc(t), "r-b1", Long.parseLong(b), "exp-1", "treatment", v2, List.of(movie), 2, 200, false));
        served(new ServedEvent(utc(t.plusMinutes(30)), "r-a2", Long.parseLong(a), "exp-1", "treatment", v2, List.of(movie), 2, 200, false));
        line(new RateEvent(t.plusMinutes(10), Long.parseLong(a), movie, 4).toLine()); // served by v1 then
        line(new RateEvent(t.plusMinutes(40), Long.parseLong(a), m1.items().idAt(4), 2).toLine()); // by v2 since 30 min
        line(new RateEvent(t.plusMinutes(10), Long.parseLong(b), movie, 5).toLine());
        line(new RateEvent(t.plusMinutes(10), Long.parseLong(c), movie, 3).toLine());
        line(new RateEvent(t.minusMinutes(10), Long.parseLong(b), movie, 1).toLine()); // before b was served
        awaitStored();

        String query = "SELECT predicted, model_version, experiment, arm FROM online_predictions WHERE user_id = ? AND time = ?";
        assertThat(rows(db, query, Long.parseLong(a), ts(t.plusMinutes(10))))
                .containsExactly(row((float) m1.predict(a, movie), v1, "exp-1", "control"));
        assertThat(rows(db, query, Long.parseLong(a), ts(t.plusMinutes(40))))
                .containsExactly(row((float) m2.predict(a, m1.items().idAt(4)), v2, "exp-1", "treatment"));
        assertThat(rows(db, query, Long.parseLong(b), ts(t.plusMinutes(10))))
                .containsExactly(row((float) m2.predict(b, movie), v2, "exp-1", "treatment"));
        assertThat(rows(db, query, Long.parseLong(c), ts(t.plusMinutes(10)))).containsExactly(row(null, null, null, null));
        assertThat(rows(db, query, Long.parseLong(b), ts(t.minusMinutes(10)))).containsExactly(row(null, null, null, null));
        assertThat((float) m1.predict(a, movie)).isNotEqualTo((float) m2.predict(a, movie)); // the versions differ

        double e1 = (float) m1.predict(a, movie) - 4.0;
        List<List<Object>> v1Error = rows(db, "SELECT predictions, sum_squared_error, sum_absolute_error FROM online_error_5m "
                + "WHERE model_version = ? AND arm = 'control'", v1);
        assertThat(v1Error).hasSize(1);
        assertThat((Long) v1Error.get(0).get(0)).isEqualTo(1);
        assertThat((Double) v1Error.get(0).get(1)).isCloseTo(e1 * e1, org.assertj.core.data.Offset.offset(1e-5));
        assertThat((Double) v1Error.get(0).get(2)).isCloseTo(Math.abs(e1), org.assertj.core.data.Offset.offset(1e-5));
        assertThat(rows(db, "SELECT predictions, rmse FROM online_rmse WHERE model_version = ? AND arm = 'control'", v1))
                .hasSize(1);

        List<OnlineQualityGauges.Quality> quality = gauges.refresh();
        assertThat(quality).anySatisfy(q -> {
            assertThat(q.modelVersion()).isEqualTo(v1);
            assertThat(q.arm()).isEqualTo("control");
            assertThat(q.rmse()).isCloseTo(Math.abs(e1), org.assertj.core.data.Offset.offset(1e-5));
        });
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("telemetry_online_rmse{arm=\"control\",experiment=\"exp-1\",model_version=\"" + v1 + "\"}"));
    }

    @Test
    void watchThroughPerServedListWithinTheWindow() {
        LocalDateTime t = T0.plusDays(2);
        long u = 4001;
        served(new ServedEvent(utc(t), "r-w1", u, "exp-2", "a", "v", List.of("x", "y"), 1, 200, false));
        served(new ServedEvent(utc(t.plusHours(3)), "r-w2", u, "exp-2", "a", "v", List.of("z"), 1, 200, false));
        awaitStored();
        line(new WatchEvent(t.plusMinutes(10), u, "y", 0).toLine());   // within the hour of r-w1
        line(new WatchEvent(t.plusHours(5), u, "z", 0).toLine());      // two hours after r-w2: too late
        line(new WatchEvent(t.plusMinutes(5), u + 1, "q", 0).toLine()); // watched before its list is read
        awaitStored();
        served(new ServedEvent(utc(t), "r-w3", u + 1, "exp-2", "b", "v", List.of("p", "q"), 1, 200, false));
        awaitStored();
        assertThat(rows(db, "SELECT request_id, watched_at, watched_movie FROM served_recommendations "
                + "WHERE user_id IN (?, ?) ORDER BY request_id", u, u + 1)).containsExactly(
                row("r-w1", ts(t.plusMinutes(10)), "y"),
                row("r-w2", null, null),
                row("r-w3", ts(t.plusMinutes(5)), "q"));
        assertThat(rows(db, "SELECT served, watched FROM watch_through WHERE experiment = 'exp-2' AND arm = 'a'"))
                .containsExactly(row(2L, 1L));
    }

    @Test
    void aCrashRightAfterTheCommitLosesAndRepeatsNothing() {
        long failuresBefore = counter("telemetry_db_failures_total");
        long u = 5001;
        long deadBefore = deadLetterCount("movielog", "unknown_verb");
        LocalDateTime later = T0.plusDays(3);
        served(new ServedEvent(utc(later), "r-5001", u, "exp-3", "a", null, List.of("m-x"), 1, 200, false));
        writer.crashAfterNextCommit();
        for (int k = 0; k < 50; k++) {
            line(new RateEvent(T0.plusSeconds(k), u, "m" + k, 1 + k % 5).toLine());
            line(at(T0) + "," + u + ",JUMP " + k);
        }
        awaitStored();
        assertThat(writer.isArmed()).isFalse();
        assertThat(longOf(db, "SELECT count(*) FROM rating_history WHERE user_id = ?", u)).isEqualTo(50);
        assertThat(longOf(db, "SELECT count(*) FROM online_predictions WHERE user_id = ?", u)).isEqualTo(50);
        assertThat(deadLetterCount("movielog", "unknown_verb")).isEqualTo(deadBefore + 50);

        // After the recovery the index of recently served users was refilled from PostgreSQL: a watch of the
        // list served before the crash still counts.
        line(new WatchEvent(later.plusMinutes(5), u, "m-x", 0).toLine());
        CommitFailure.armOnce(db);
        for (int k = 50; k < 100; k++) {
            line(new RateEvent(T0.plusSeconds(k), u, "m" + k, 1 + k % 5).toLine());
            line(at(T0) + "," + u + ",JUMP " + k);
        }
        awaitStored();
        assertThat(CommitFailure.isArmed(db)).isFalse();
        assertThat(longOf(db, "SELECT count(*) FROM rating_history WHERE user_id = ?", u)).isEqualTo(100);
        assertThat(longOf(db, "SELECT count(*) FROM ratings WHERE user_id = ?", u)).isEqualTo(100);
        assertThat(deadLetterCount("movielog", "unknown_verb")).isEqualTo(deadBefore + 100);
        assertThat(counter("telemetry_db_failures_total")).isEqualTo(failuresBefore + 2);
        assertThat(rows(db, "SELECT watched_at, watched_movie FROM served_recommendations WHERE request_id = 'r-5001'"))
                .containsExactly(row(ts(later.plusMinutes(5)), "m-x"));
    }

    static long counter(String name) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String l : metrics.split("\n")) {
            if (l.startsWith(name + " ") || l.startsWith(name + "{")) {
                return (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /** A failure of the consume loop itself (not of a write) is survived: it starts over from the stored positions. */
    @Test
    void theConsumeLoopSurvivesAFailureOutsideTheWrite() {
        long u = 5101;
        long restartsBefore = counter("movierec_background_loop_restarts_total");
        long failuresBefore = counter("telemetry_db_failures_total");
        consumers.failNextPoll();
        for (int k = 0; k < 20; k++) {
            line(new RateEvent(T0.plusSeconds(k), u, "m" + k, 1 + k % 5).toLine());
        }
        awaitStored();
        assertThat(consumers.isArmed()).isFalse();
        assertThat(longOf(db, "SELECT count(*) FROM rating_history WHERE user_id = ?", u)).isEqualTo(20);
        assertThat(counter("movierec_background_loop_restarts_total")).isEqualTo(restartsBefore + 1);
        assertThat(counter("telemetry_db_failures_total")).isEqualTo(failuresBefore);
    }

    @Test
    void metricsAndReadiness() {
        consumers.failNextPoll(); // a restart of the consume loop, to be counted
        line(new WatchEvent(T0, 6001, "m1", 0).toLine());
        awaitStored();
        assertThat(consumers.isArmed()).isFalse();
        await("consume loop up again", WAIT, () -> counter("movierec_background_loop_up") == 1);

        given().get("/q/health/ready").then().statusCode(200).body(containsString("RUNNING"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("telemetry_events_total{type=\"watch\"}"))
                .body(containsString("telemetry_events_total{type=\"served\"}"))
                .body(containsString("telemetry_batch_size_count"))
                .body(containsString("telemetry_db_write_seconds_count"))
                .body(containsString("telemetry_consumer_lag{topic=\"movielog\"}"))
                .body(containsString("telemetry_predictions_total{outcome=\"predicted\"}"))
                // the consume loop is up again after the crash drill above, counted as a restart
                .body(containsString("movierec_background_loop_up{loop=\"collector\"} 1.0"))
                .body(matchesPattern("(?s).*movierec_background_loop_restarts_total\\{loop=\"collector\"\\} [1-9][0-9]*\\.0\n.*"));
    }

    @Test
    void kafkaDecompressesWithTheNativeLz4Codec() {
        // Kafka takes its codec from LZ4Factory.fastestInstance(), which in Quarkus's class loader (this test's too)
        // is the Java codec unless the native one was loaded first: the collector loads it before its consumers.
        assertThat(Lz4Codec.isNative()).isTrue();
        assertThat(LZ4Factory.fastestInstance()).isSameAs(LZ4Factory.nativeInstance());
    }

    @Test
    void aDatabaseMigratedWithTheFirstV2PassesTheStartUpMigration() throws Exception {
        assertThat(longOf(db, "SELECT max(version::int) FROM flyway_schema_history")).isEqualTo(7);
        assertThat(longOf(db, "SELECT checksum FROM flyway_schema_history WHERE version = '2'"))
                .isEqualTo(V2DetectionChange.SECOND_CHECKSUM);
        try (var s = db.createStatement()) {
            s.executeUpdate("UPDATE flyway_schema_history SET checksum = " + V2DetectionChange.FIRST_CHECKSUM
                    + " WHERE version = '2'");
        }

        flyway.migrate(); // Quarkus' Flyway, configured as at start-up (SchemaMigrationCallbacks)

        assertThat(longOf(db, "SELECT checksum FROM flyway_schema_history WHERE version = '2'"))
                .isEqualTo(V2DetectionChange.SECOND_CHECKSUM);
    }
}
