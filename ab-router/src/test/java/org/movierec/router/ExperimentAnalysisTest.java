package org.movierec.router;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.movierec.router.report.ReportFormat;
import org.movierec.router.report.SequentialLooks;
import org.movierec.testkit.KafkaTestResource;
import org.movierec.testkit.MongoTestResource;
import org.movierec.testkit.PostgresTestResource;

/**
 * The report a data scientist reads, against the running router, a real PostgreSQL with the telemetry schema and a
 * real MongoDB (the same test resources as {@link RouterServiceTest}, so both share one application): telemetry rows
 * are written as the collector writes them, the report is read through the admin API.
 *
 * <ul>
 *   <li>one report is one snapshot: while answers stream in, every count of a report agrees with every other;</li>
 *   <li>reading a report changes nothing: fifty reads leave the stored looks and the always-valid p-values as
 *       they were;</li>
 *   <li>a clearly better model is found by the decision and by the paired comparison;</li>
 *   <li>a tiny effect gets "cannot conclude yet; needs about N more users per arm", N as the textbook formula.</li>
 * </ul>
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeInference.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SlackTestResource.class, restrictToAnnotatedClass = false)
class ExperimentAnalysisTest {

    static MongoClient mongo;
    static MongoDatabase db;
    static String v1;
    static String v2;
    /** Users of each test start at a fresh block, so no test sees another's users (or their pre-period). */
    static final AtomicLong NEXT_USER = new AtomicLong(50_000_000);

    @BeforeAll
    static void twoModelVersionsAndTheTelemetryTables() {
        mongo = TestModels.mongo();
        db = mongo.getDatabase("movierec");
        String[] versions = TestModels.register(mongo, "analysis model one", "analysis model two");
        v1 = versions[0];
        v2 = versions[1];
        TelemetryRows.migrate();
    }

    @AfterAll
    static void close() {
        mongo.close();
    }

    @BeforeEach
    void noExperimentRunning() {
        RouterServiceTest.stopRunningExperiments();
    }

    static long users(int n) {
        return NEXT_USER.getAndAdd(n);
    }

    /** Starts an A/B test of v1 (control) against v2 (treatment), 50/50, with {@code primaryMetric}. */
    static String start(String name, String primaryMetric) {
        return RouterServiceTest.admin("POST", "/experiments", "{\"name\":\"" + name + "\",\"primaryMetric\":\""
                + primaryMetric + "\",\"arms\":[{\"name\":\"control\",\"modelVersion\":\"" + v1 + "\",\"weight\":50},"
                + "{\"name\":\"treatment\",\"modelVersion\":\"" + v2 + "\",\"weight\":50}]}")
                .then().statusCode(201).extract().path("id");
    }

    static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void everyCountOfOneReportAgreesWithEveryOtherWhileAnswersStreamIn() throws Exception {
        String experimentId = start("consistency", "watch-through");
        long first = users(100_000);
        AtomicBoolean streaming = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong written = new AtomicLong();
        // answers arrive late (their time up to 5 s before they are written), as Kafka lag delivers them: each
        // one lands inside the window of a report already being read; a few hundred a second, as a busy experiment
        Thread writer = new Thread(() -> {
            try (Connection c = TelemetryRows.connect()) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (streaming.get()) {
                    long user = first + random.nextInt(written.get() < 200 ? 200 : (int) written.get());
                    String arm = random.nextBoolean() ? "control" : "treatment";
                    TelemetryRows.insertAnswer(c, Instant.now().minusMillis(random.nextInt(5000)), experimentId,
                            arm, arm.equals("control") ? v1 : v2, user, random.nextInt(3) == 0);
                    written.incrementAndGet();
                    Thread.sleep(2);
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "answers-streaming-in");
        writer.start();
        int reports = 0;
        try {
            for (; reports < 40; reports++) {
                JsonNode report = json(given().get("/experiments/" + experimentId + "/report").then().statusCode(200)
                        .extract().asString());
                JsonNode srm = report.get("sampleRatioMismatch").get("observedUsers");
                JsonNode period = report.get("periods").get(report.get("periods").size() - 1);
                for (int i = 0; i < 2; i++) {
                    JsonNode arm = report.get("arms").get(i);
                    long users = arm.get("users").asLong();
                    assertThat(arm.get("usersThisWeightPeriod").asLong()).as("report %d arm %d", reports, i)
                            .isEqualTo(users);
                    assertThat(srm.get(i).asLong()).as("report %d arm %d SRM", reports, i).isEqualTo(users);
                    assertThat(period.get("sampleRatioMismatch").get("observedUsers").get(i).asLong())
                            .as("report %d arm %d period", reports, i).isEqualTo(users);
                    assertThat(arm.get("watchThroughAnswers").asLong()).as("report %d arm %d answers", reports, i)
                            .isEqualTo(arm.get("requests").asLong());
                }
                String[] csv = given().accept("text/csv").get("/experiments/" + experimentId + "/report").then()
                        .statusCode(200).extract().asString().split("\n");
                for (int row = 1; row < csv.length; row++) {
                    String[] fields = csv[row].split(",", -1);
                    assertThat(fields[ReportFormat.CSV_COLUMNS.indexOf("srm_users")]).as("CSV row %d", row)
                            .isEqualTo(fields[ReportFormat.CSV_COLUMNS.indexOf("users")]);
                    assertThat(fields[ReportFormat.CSV_COLUMNS.indexOf("watch_through_answers")]).as("CSV row %d", row)
                            .isEqualTo(fields[ReportFormat.CSV_COLUMNS.indexOf("requests")]);
                }
            }
        } finally {
            streaming.set(false);
            writer.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(written.get()).as("answers written while the reports were read").isGreaterThan(reports);
    }

    @Test
    void fiftyReadsOfTheReportChangeNoLookAndNoAlwaysValidPValue() throws Exception {
        String experimentId = start("reads", "watch-through");
        long first = users(2000);
        Instant at = Instant.now();
        TelemetryRows.insertAnswers(at, experimentId, "control", v1, first, 1000, 0.30, 5.0);
        TelemetryRows.insertAnswers(at, experimentId, "treatment", v2, first + 1000, 1000, 0.36, 5.0);
        TelemetryRows.insertPairedRatings(at, experimentId, "control", v2, v1, first, 200, 2, 0.8, 1.0, 1);
        TelemetryRows.insertPairedRatings(at, experimentId, "treatment", v2, v1, first + 1000, 200, 2, 0.8, 1.0, 2);
        RouterServiceTest.admin("POST", "/experiments/" + experimentId + "/look", null).then().statusCode(200);
        List<Document> before = looks(experimentId);
        assertThat(before).hasSize(4); // watch-through, rmse, error-rate and the paired test of the treatment arm
        String pValues = alwaysValidPValues(experimentId);

        for (int read = 0; read < 50; read++) {
            switch (read % 5) {
                case 0 -> given().accept("text/csv").get("/experiments/" + experimentId + "/report").then().statusCode(200);
                case 1 -> given().get("/experiments/" + experimentId + "/report.html").then().statusCode(200);
                default -> assertThat(alwaysValidPValues(experimentId)).as("read %d", read).isEqualTo(pValues);
            }
        }
        assertThat(looks(experimentId)).isEqualTo(before);
        // a look is what changes them: one more look, one more entry in each history
        RouterServiceTest.admin("POST", "/experiments/" + experimentId + "/look", null).then().statusCode(200);
        assertThat(looks(experimentId)).allSatisfy(d -> assertThat(d.getInteger("looks")).isEqualTo(2));
    }

    @Test
    void aClearlyBetterModelIsFoundByTheDecisionAndThePairedComparison() throws Exception {
        String experimentId = start("clearly-better", "rmse");
        long first = users(600);
        Instant at = Instant.now();
        TelemetryRows.insertAnswers(at, experimentId, "control", v1, first, 300, 0.3, 5.0);
        TelemetryRows.insertAnswers(at, experimentId, "treatment", v2, first + 300, 300, 0.3, 5.0);
        // the treatment's model errs by N(0, 0.7), control's by N(0, 1.0), on the same ratings
        TelemetryRows.insertPairedRatings(at, experimentId, "control", v2, v1, first, 300, 3, 0.7, 1.0, 3);
        TelemetryRows.insertPairedRatings(at, experimentId, "treatment", v2, v1, first + 300, 300, 3, 0.7, 1.0, 4);

        JsonNode report = json(RouterServiceTest.admin("POST", "/experiments/" + experimentId + "/look", null).then()
                .statusCode(200).extract().asString());
        JsonNode comparison = report.get("comparisons").get(0);
        assertThat(comparison.get("decision").asText())
                .isEqualTo("stop: treatment is better than control on rmse (paired: both models on the same ratings)");
        JsonNode paired = comparison.get("paired");
        assertThat(paired.get("ratings").asLong()).isEqualTo(1800);
        assertThat(paired.get("verdict").asText()).startsWith("significant: the arm's model predicts better than control");
        // RMSE about 0.7 against 1.0: a relative change near −30 %, its interval excluding 0
        assertThat(paired.get("relativeRmseChange").get("estimate").asDouble()).isBetween(-0.36, -0.24);
        assertThat(paired.get("relativeRmseChange").get("interval").get("upper").asDouble()).isNegative();
        assertThat(paired.get("alwaysValid").get("pValue").asDouble()).isLessThan(0.05);
        // the unpaired comparison says the same on these data, with a wider interval
        JsonNode rmse = comparison.get("metrics").get(0);
        assertThat(rmse.get("metric").asText()).isEqualTo("rmse");
        assertThat(rmse.get("difference").asDouble()).isNegative();
        double pairedWidth = paired.get("relativeRmseChange").get("interval").get("upper").asDouble()
                - paired.get("relativeRmseChange").get("interval").get("lower").asDouble();
        double unpairedWidth = rmse.get("relative").get("interval").get("upper").asDouble()
                - rmse.get("relative").get("interval").get("lower").asDouble();
        assertThat(pairedWidth).isLessThan(unpairedWidth);
    }

    @Test
    void aTinyEffectCannotConcludeAndSaysHowManyMoreUsersItNeeds() throws Exception {
        String experimentId = start("tiny", "watch-through");
        int perArm = 3000;
        long first = users(2 * perArm);
        double control = 0.300;
        double treatment = 0.302;
        Instant at = Instant.now();
        TelemetryRows.insertAnswers(at, experimentId, "control", v1, first, perArm, control, 5.0);
        TelemetryRows.insertAnswers(at, experimentId, "treatment", v2, first + perArm, perArm, treatment, 5.0);

        JsonNode report = json(RouterServiceTest.admin("POST", "/experiments/" + experimentId + "/look", null).then()
                .statusCode(200).extract().asString());
        String decision = report.get("comparisons").get(0).get("decision").asText();
        assertThat(decision).startsWith("continue: cannot conclude yet");
        Matcher more = Pattern.compile("needs about ([0-9,]+) more users per arm").matcher(decision);
        assertThat(more.find()).as(decision).isTrue();
        long reported = Long.parseLong(more.group(1).replace(",", ""));

        // the textbook sample size (two-sided z-test, one answer per user): n = (z_{1-α/2} + z_{power})² (σ_T² + σ_C²)
        // / δ², σ² = p(1 − p), δ the effect worth detecting (router.report.effect-of-interest.watch-through)
        NormalDistribution normal = NormalDistribution.of(0, 1);
        double z = normal.inverseCumulativeProbability(0.975) + normal.inverseCumulativeProbability(0.8);
        double effect = 0.01;
        double formula = z * z * (treatment * (1 - treatment) + control * (1 - control)) / (effect * effect) - perArm;
        assertThat((double) reported).as(decision).isBetween(0.8 * formula, 1.2 * formula);
        given().get("/experiments/" + experimentId + "/report").then().statusCode(200)
                .body("comparisons[0].metrics[0].power.moreUsersPerArm", equalTo((int) reported))
                .body("comparisons[0].metrics[0].verdict", startsWith("cannot conclude yet"));
    }

    static List<Document> looks(String experimentId) {
        return db.getCollection(SequentialLooks.COLLECTION)
                .find(Filters.regex("_id", "^" + Pattern.quote(experimentId) + "/")).sort(new Document("_id", 1))
                .into(new ArrayList<>());
    }

    /** Every always-valid p-value and look count of the JSON report, in order, as one string. */
    static String alwaysValidPValues(String experimentId) throws Exception {
        JsonNode report = json(given().get("/experiments/" + experimentId + "/report").then().statusCode(200)
                .extract().asString());
        StringBuilder values = new StringBuilder();
        for (JsonNode metric : report.get("comparisons").get(0).get("metrics")) {
            JsonNode valid = metric.get("alwaysValid");
            if (valid != null && !valid.isNull()) {
                values.append(metric.get("metric").asText()).append('=').append(valid.get("pValue").asText())
                        .append('/').append(valid.get("looks").asText()).append(' ');
            }
        }
        JsonNode paired = report.get("comparisons").get(0).get("paired").get("alwaysValid");
        values.append("paired=").append(paired.get("pValue").asText()).append('/').append(paired.get("looks").asText());
        return values.toString();
    }
}
