package org.movierec.retrain.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.movierec.testkit.RawHttp;
import org.movierec.testkit.SlackReceiver;

@QuarkusTest
@WithTestResource(RetrainTestResource.class)
class RetrainServiceTest {

    static final String TOKEN = "Bearer test-only-admin-token";

    SlackReceiver slack;

    @Test
    void adminRetrainNeedsTheToken() {
        given().post("/admin/retrain").then().statusCode(401).body("detail", equalTo("missing bearer token"));
        given().header("Authorization", "Bearer nope").post("/admin/retrain").then().statusCode(401)
                .body("detail", equalTo("wrong bearer token"));
    }

    @Test
    void badBodiesAreRefusedWithTheReason() {
        given().header("Authorization", TOKEN).body("{not json").post("/admin/retrain").then().statusCode(400)
                .body("detail", containsString("JSON"));
        given().header("Authorization", TOKEN).body("{\"cutof\":\"2025-01-01T00:00:00Z\"}").post("/admin/retrain")
                .then().statusCode(400).body("detail", containsString("unknown field cutof"));
        given().header("Authorization", TOKEN).body("{\"promotion\":\"yolo\"}").post("/admin/retrain")
                .then().statusCode(400).body("detail", containsString("direct or canary"));
        given().header("Authorization", TOKEN).body("{\"cutoff\":\"yesterday\"}").post("/admin/retrain")
                .then().statusCode(400).body("detail", containsString("ISO-8601"));
        given().header("Authorization", TOKEN).body("{\"cutoff\":\"" + Instant.now().plus(Duration.ofDays(1)) + "\"}")
                .post("/admin/retrain").then().statusCode(400).body("detail", containsString("future"));
    }

    @Test
    void unknownRunsAndVersionsAre404WithAReason() {
        given().get("/runs/20250101-000000-0000").then().statusCode(404).body("detail", containsString("no retrain run"));
        given().get("/models/20250101-000000-deadbeef/lineage").then().statusCode(404)
                .body("detail", equalTo("unknown model version 20250101-000000-deadbeef"));
        given().get("/models/bad%20id/lineage").then().statusCode(400);
        given().get("/runs?limit=0").then().statusCode(400);
    }

    @Test
    void concurrentTriggersStartOneRunWhichRegistersPromotesAndNotifies() throws Exception {
        int callers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Callable<Response> call = () -> {
                go.await();
                return given().header("Authorization", TOKEN).contentType("application/json")
                        .body("{\"promotion\":\"direct\"}").post("/admin/retrain");
            };
            answers.add(pool.submit(call));
        }
        go.countDown();
        List<String> started = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Future<Response> f : answers) {
            Response r = f.get();
            if (r.statusCode() == 202) {
                assertThat(r.jsonPath().getString("status")).isEqualTo("running");
                started.add(r.jsonPath().getString("runId"));
            } else {
                assertThat(r.statusCode()).isEqualTo(409);
                refused.add(r.jsonPath().getString("runId"));
            }
        }
        pool.shutdown();
        assertThat(started).hasSize(1);
        String runId = started.get(0);
        assertThat(refused).hasSize(callers - 1).allMatch(runId::equals);

        Map<String, Object> run = awaitFinished(runId);
        assertThat(run.get("status")).as("%s", run).isEqualTo("succeeded");
        assertThat(run.get("promoted")).isEqualTo(true);
        assertThat(run.get("stage")).isEqualTo("promote");
        assertThat(run).containsKeys("startedAt", "finishedAt", "durationSeconds", "metrics", "stageSeconds");
        String version = (String) run.get("version");
        assertThat(version).isNotNull();

        String notice = slack.awaitPost(p -> p.contains(runId), Duration.ofSeconds(30));
        assertThat(notice).contains("succeeded").contains(version).contains("promoted to production");

        given().get("/models/" + version + "/lineage").then().statusCode(200)
                .body("version", equalTo(version))
                .body("status", equalTo("production"))
                .body("runId", equalTo(runId))
                .body("trainingDataMd5", containsString(".dir"))
                .body("rowCount", equalTo(20_000))
                .body("cutoff", notNullValue())
                .body("codeVersion", notNullValue())
                .body("params.train.factors", equalTo(64))
                .body("metrics.candidate.rmse", notNullValue())
                .body("fairness.passed", equalTo(true))
                .body("parentVersion", equalTo(null));

        given().get("/runs").then().statusCode(200).body("[0].runId", equalTo(runId));
        // the run released its version through the release service: in the history, in process
        given().header("Authorization", TOKEN).get("/models").then().statusCode(200)
                .body("production", equalTo(version))
                .body("releases[0].version", equalTo(version))
                .body("releases[0].kind", equalTo("promote"))
                .body("releases[0].previous", equalTo(null))
                .body("releases[0].requestedBy", equalTo("retrain-service run " + runId))
                .body("releases[0].credential", equalTo("in-process"))
                .body("releases[0].reason", containsString("passed the gates"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("retrain_runs_total{outcome=\"promoted\"} 1.0"))
                .body(containsString("http_server_requests_seconds_bucket{"))
                .body(containsString("retrain_stage_seconds_count{stage=\"train\"}"))
                .body(containsString("retrain_last_success_timestamp_seconds"));

        // the lease was released: the next trigger starts a new run, compared with the first
        Response next = given().header("Authorization", TOKEN).post("/admin/retrain");
        assertThat(next.statusCode()).isEqualTo(202);
        Map<String, Object> second = awaitFinished(next.jsonPath().getString("runId"));
        assertThat(second.get("status")).isIn("succeeded", "rejected");
        given().get("/models/" + second.get("version") + "/lineage").then().statusCode(200)
                .body("parentVersion", equalTo(version));

        // the same trigger again (its cutoff, as a second replica receives it, after the run ended): no new run
        Response again = given().header("Authorization", TOKEN).contentType("application/json")
                .body("{\"cutoff\":\"" + second.get("cutoff") + "\",\"promotion\":\"direct\"}").post("/admin/retrain");
        assertThat(again.statusCode()).as(again.asString()).isEqualTo(409);
        assertThat(again.jsonPath().getString("runId")).isEqualTo(next.jsonPath().getString("runId"));
        assertThat(again.jsonPath().getString("detail")).contains("already ran for cutoff " + second.get("cutoff"));
    }

    @Test
    void aCanaryRunShowsHowItsCanaryEndedOnceItEnded() {
        try (MongoClient mongo = MongoClients.create(ConfigProvider.getConfig()
                .getValue("quarkus.mongodb.connection-string", String.class))) {
            canaryOutcomes(mongo.getDatabase("movierec").getCollection(RunRecords.COLLECTION));
        }
    }

    private static void canaryOutcomes(MongoCollection<Document> runs) {
        for (String[] run : new String[][] {{"canary-run-ended", RetrainTestResource.ENDED_CANARY},
                {"canary-run-running", RetrainTestResource.RUNNING_CANARY}}) {
            runs.insertOne(new Document("_id", run[0]).append("status", "succeeded").append("promoted", true)
                    .append("promotionMode", "canary").append("experimentId", run[1])
                    .append("startedAt", new Date(0)).append("finishedAt", new Date(1000)).append("durationSeconds", 1.0));
        }
        given().get("/runs/canary-run-running").then().statusCode(200)
                .body("canaryOutcome.status", equalTo("running"))
                .body("canaryOutcome.release.state", equalTo("promote_failed"));
        assertThat(runs.find(new Document("_id", "canary-run-running")).first().get("canaryOutcome"))
                .as("a running canary's state is not stored").isNull();
        given().get("/runs/canary-run-ended").then().statusCode(200)
                .body("canaryOutcome.experimentId", equalTo(RetrainTestResource.ENDED_CANARY))
                .body("canaryOutcome.status", equalTo("aborted"))
                .body("canaryOutcome.endReason", equalTo("promotion failed 4 times: HTTP 409"))
                .body("canaryOutcome.endedAt", equalTo("2026-11-30T10:00:00Z"));
        assertThat(runs.find(new Document("_id", "canary-run-ended")).first().get("canaryOutcome", Document.class))
                .as("the final outcome is stored in the run record").containsEntry("status", "aborted");
    }

    /** Polls the run record until it leaves "running" (the run takes seconds; the bound is generous). */
    static Map<String, Object> awaitFinished(String runId) {
        return await("run " + runId + " to finish").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/runs/" + runId).then().statusCode(200).extract().jsonPath().<String, Object>getMap(""),
                        run -> !"running".equals(run.get("status")));
    }

    @Test
    void aRequestWithoutHostIs400ProblemWithoutAnErrorLine() throws IOException {
        int port = ConfigProvider.getConfig()
                .getValue("quarkus.http.test-port", Integer.class);
        RawHttp.EdgeAnswer answer = RawHttp.withoutHost(port);
        assertThat(answer.text()).startsWith("HTTP/1.1 400")
                .containsIgnoringCase("content-type: application/problem+json");
        assertThat(answer.errorLines()).as("ERROR log lines").isEmpty();
    }
}
