package org.movierec.telemetry;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.movierec.telemetry.TestSupport.await;
import static org.movierec.telemetry.TestSupport.longOf;
import static org.movierec.telemetry.TestSupport.rows;

import com.mongodb.client.MongoDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.movierec.contracts.events.RateEvent;
import org.movierec.contracts.events.ServedEvent;
import org.movierec.contracts.experiments.ExperimentArm;
import org.movierec.contracts.experiments.ExperimentStatus;
import org.movierec.contracts.experiments.ExperimentsCollection;
import org.movierec.core.model.SvdModel;
import org.movierec.registry.ModelRegistry;
import org.movierec.testkit.KafkaTestResource;
import org.movierec.testkit.MongoTestResource;
import org.movierec.testkit.PostgresTestResource;

/**
 * {@code experiment_predictions} written by the collector in Quarkus against the real Kafka broker, the real
 * PostgreSQL and the MongoDB registry of {@link CollectorTest} (the same resources, so the same application): every
 * rating served in an experiment predicted by each arm's version, checked against {@link SvdModel#predict} of that
 * version; a replay stores nothing new; ratings outside experiments get no rows; an experiment missing in MongoDB or
 * malformed there is counted by reason, not written, and the collector goes on. Each test has its own users,
 * experiments and model versions, and waits until the stored positions reach the end of the topics. Counters are
 * read after a later batch is stored: the loop updates them after each commit, before it writes the next batch.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
class ExperimentPredictionsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final LocalDateTime T0 = LocalDateTime.parse("2025-11-03T09:00:00");
    private static final String ROWS = "SELECT arm, user_arm, model_version, predicted, rating FROM experiment_predictions "
            + "WHERE user_id = ? AND time = ? ORDER BY arm";

    private static TestSupport.Clients clients;
    private static KafkaProducer<byte[], byte[]> producer;
    private static Connection db;

    @BeforeAll
    static void connect() {
        clients = TestSupport.Clients.open();
        producer = clients.producer();
        db = clients.db();
    }

    @AfterAll
    static void close() throws Exception {
        clients.close();
    }

    @BeforeEach
    void ready() {
        await("collector ready", WAIT, () -> given().get("/q/health/ready").statusCode() == 200);
    }

    @Test
    void everyRatingOfATwoArmExperimentIsPredictedByBothVersionsOnceAndNothingElseIs() throws Exception {
        SvdModel control = TestSupport.trained(21);
        SvdModel treatment = TestSupport.trained(22);
        ModelRegistry registry = new ModelRegistry(registryDatabase());
        String v1 = registry.register(control, Map.of("rmse", 0.9), Map.of()).version();
        String v2 = registry.register(treatment, Map.of("rmse", 0.9), Map.of()).version();
        experiment("exp-paired", new ExperimentArm("control", v1, 50), new ExperimentArm("treatment", v2, 50));

        String a = control.users().idAt(20);     // assigned control
        String b = control.users().idAt(21);     // assigned treatment
        String outside = control.users().idAt(22); // served outside any experiment
        String never = control.users().idAt(23);   // never served
        String x = control.items().idAt(5);
        String y = control.items().idAt(6);
        LocalDateTime t = T0;
        List<byte[]> served = List.of(
                served(t, "r-pa", a, "exp-paired", "control", v1),
                served(t, "r-pb", b, "exp-paired", "treatment", v2),
                served(t, "r-po", outside, null, null, v1));
        List<String> lines = List.of(
                new RateEvent(t.plusMinutes(5), Long.parseLong(a), x, 4).toLine(),
                new RateEvent(t.plusMinutes(6), Long.parseLong(a), y, 2).toLine(),
                new RateEvent(t.plusMinutes(5), Long.parseLong(b), x, 5).toLine(),
                new RateEvent(t.plusMinutes(5), Long.parseLong(outside), x, 3).toLine(),
                new RateEvent(t.plusMinutes(5), Long.parseLong(never), x, 1).toLine());
        served.forEach(e -> TestSupport.send(producer, "recsys.served", e));
        awaitStored();
        long writtenBefore = series("telemetry_experiment_predictions_written_total");
        lines.forEach(ExperimentPredictionsTest::line);
        awaitStored();

        assertThat(rows(db, ROWS, Long.parseLong(a), ts(t.plusMinutes(5)))).containsExactly(
                row("control", "control", v1, (float) control.predict(a, x), 4f),
                row("treatment", "control", v2, (float) treatment.predict(a, x), 4f));
        assertThat(rows(db, ROWS, Long.parseLong(a), ts(t.plusMinutes(6)))).containsExactly(
                row("control", "control", v1, (float) control.predict(a, y), 2f),
                row("treatment", "control", v2, (float) treatment.predict(a, y), 2f));
        assertThat(rows(db, ROWS, Long.parseLong(b), ts(t.plusMinutes(5)))).containsExactly(
                row("control", "treatment", v1, (float) control.predict(b, x), 5f),
                row("treatment", "treatment", v2, (float) treatment.predict(b, x), 5f));
        assertThat((float) control.predict(a, x)).as("the versions differ").isNotEqualTo((float) treatment.predict(a, x));
        assertThat(experimentRows(outside)).as("served outside experiments").isZero();
        assertThat(experimentRows(never)).as("never served").isZero();
        assertThat(longOf(db, "SELECT count(*) FROM online_predictions WHERE user_id = ?", Long.parseLong(outside)))
                .as("the rating outside experiments is still in online_predictions").isEqualTo(1);

        // The same records once more (a duplicated stream): nothing new is stored or counted.
        served.forEach(e -> TestSupport.send(producer, "recsys.served", e));
        lines.forEach(ExperimentPredictionsTest::line);
        awaitStored();

        assertThat(experimentRows(a)).isEqualTo(4);
        assertThat(experimentRows(b)).isEqualTo(2);
        assertThat(series("telemetry_experiment_predictions_written_total")).isEqualTo(writtenBefore + 6);
    }

    @Test
    void anArmWhoseVersionCannotBeLoadedGetsRowsWithoutAPrediction() throws Exception {
        SvdModel control = TestSupport.trained(23);
        String v1 = new ModelRegistry(registryDatabase()).register(control, Map.of("rmse", 0.9), Map.of()).version();
        experiment("exp-unloadable", new ExperimentArm("control", v1, 50),
                new ExperimentArm("treatment", "no-such-version", 50));
        String u = control.users().idAt(30);
        String x = control.items().idAt(7);
        TestSupport.send(producer, "recsys.served", served(T0, "r-pu", u, "exp-unloadable", "control", v1));
        awaitStored();
        line(new RateEvent(T0.plusMinutes(1), Long.parseLong(u), x, 3).toLine());
        awaitStored();

        assertThat(rows(db, ROWS, Long.parseLong(u), ts(T0.plusMinutes(1)))).containsExactly(
                row("control", "control", v1, (float) control.predict(u, x), 3f),
                row("treatment", "control", "no-such-version", null, 3f));
    }

    @Test
    void anExperimentMissingOrMalformedInMongoIsCountedNotWrittenAndTheCollectorGoesOn() throws Exception {
        SvdModel control = TestSupport.trained(24);
        String v1 = new ModelRegistry(registryDatabase()).register(control, Map.of("rmse", 0.9), Map.of()).version();
        registryDatabase().getCollection(ExperimentsCollection.COLLECTION).insertOne(
                new Document(ExperimentsCollection.ID, "exp-malformed")
                        .append(ExperimentsCollection.STATUS, ExperimentStatus.RUNNING.wireName())
                        .append(ExperimentsCollection.ARMS, List.of(new Document(ExperimentsCollection.ARM_NAME, "a"))));
        experiment("exp-after", new ExperimentArm("a", v1, 100));
        String missing = control.users().idAt(40);
        String malformed = control.users().idAt(41);
        String later = control.users().idAt(42);
        String x = control.items().idAt(8);
        TestSupport.send(producer, "recsys.served", served(T0, "r-pm1", missing, "exp-not-in-mongo", "a", v1));
        TestSupport.send(producer, "recsys.served", served(T0, "r-pm2", malformed, "exp-malformed", "a", v1));
        TestSupport.send(producer, "recsys.served", served(T0, "r-pm3", later, "exp-after", "a", v1));
        awaitStored();
        long unknownBefore = skipped("unknown_experiment");
        long malformedBefore = skipped("malformed_experiment");
        line(new RateEvent(T0.plusMinutes(1), Long.parseLong(missing), x, 4).toLine());
        line(new RateEvent(T0.plusMinutes(2), Long.parseLong(missing), control.items().idAt(9), 2).toLine());
        line(new RateEvent(T0.plusMinutes(1), Long.parseLong(malformed), x, 4).toLine());
        awaitStored();
        line(new RateEvent(T0.plusMinutes(3), Long.parseLong(later), x, 5).toLine()); // a later batch goes on
        awaitStored();

        assertThat(experimentRows(missing)).isZero();
        assertThat(experimentRows(malformed)).isZero();
        assertThat(skipped("unknown_experiment")).isEqualTo(unknownBefore + 2);
        assertThat(skipped("malformed_experiment")).isEqualTo(malformedBefore + 1);
        assertThat(rows(db, "SELECT predicted FROM online_predictions WHERE user_id = ? AND time = ?",
                Long.parseLong(missing), ts(T0.plusMinutes(1))))
                .as("its online prediction is kept").containsExactly(row((float) control.predict(missing, x)));
        assertThat(rows(db, ROWS, Long.parseLong(later), ts(T0.plusMinutes(3))))
                .containsExactly(row("a", "a", v1, (float) control.predict(later, x), 5f));
    }

    private static MongoDatabase registryDatabase() {
        return clients.mongo().getDatabase("movierec");
    }

    /** Stores a running experiment with these arms, as the router does (the contract's shape). */
    private static void experiment(String id, ExperimentArm... arms) {
        registryDatabase().getCollection(ExperimentsCollection.COLLECTION).insertOne(
                new Document(ExperimentsCollection.ID, id)
                        .append(ExperimentsCollection.NAME, id)
                        .append(ExperimentsCollection.STATUS, ExperimentStatus.RUNNING.wireName())
                        .append(ExperimentsCollection.ARMS, Arrays.stream(arms).map(ExperimentArm::toDocument).toList()));
    }

    private static byte[] served(LocalDateTime t, String requestId, String user, String experiment, String arm,
            String version) {
        return new ServedEvent(t.toInstant(ZoneOffset.UTC), requestId, Long.parseLong(user), experiment, arm, version,
                List.of("m"), 2, 200, false).toJson().getBytes(UTF_8);
    }

    private static void line(String text) {
        TestSupport.send(producer, "movielog", text.getBytes(UTF_8));
    }

    private static void awaitStored() {
        Map<TopicPartition, Long> ends = TestSupport.endOffsets(clients.offsets(), CollectorTest.TOPICS);
        await("stored positions at " + ends, WAIT, () -> TestSupport.caughtUp(db, CollectorTest.GROUP, ends));
    }

    private static long experimentRows(String user) {
        return longOf(db, "SELECT count(*) FROM experiment_predictions WHERE user_id = ?", Long.parseLong(user));
    }

    private static long skipped(String reason) {
        return series("telemetry_experiment_predictions_skipped_total{reason=\"" + reason + "\"}");
    }

    /** The value of one series of {@code /q/metrics}, named with its labels as Prometheus writes them. */
    private static long series(String nameAndLabels) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String l : metrics.split("\n")) {
            if (l.startsWith(nameAndLabels + " ")) {
                return (long) Double.parseDouble(l.substring(nameAndLabels.length() + 1));
            }
        }
        throw new AssertionError(nameAndLabels + " is not in /q/metrics");
    }

    private static Timestamp ts(LocalDateTime t) {
        return Timestamp.from(t.toInstant(ZoneOffset.UTC));
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
