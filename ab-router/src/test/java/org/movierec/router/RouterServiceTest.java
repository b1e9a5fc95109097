package org.movierec.router;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.movierec.router.assignment.Arm;
import org.movierec.router.assignment.ArmAssignment;
import org.movierec.contracts.events.ServedEvent;
import org.movierec.contracts.events.ServedEventHeaders;
import org.movierec.contracts.events.Topics;
import org.movierec.platform.auth.BearerToken;
import org.movierec.core.ids.UserIds;
import org.movierec.contracts.experiments.ExperimentsCollection;
import org.movierec.registry.ModelRegistry;
import org.movierec.registry.ServingReplicas;
import org.movierec.router.experiments.Experiment;
import org.movierec.router.experiments.ExperimentConflictException;
import org.movierec.router.experiments.ExperimentService;
import org.movierec.router.experiments.ExperimentStore;
import org.movierec.router.experiments.ExperimentsPoller;
import org.movierec.router.experiments.GoLive;
import org.movierec.router.fallback.PopularityCache;
import org.movierec.router.report.SequentialLooks;
import org.movierec.testkit.KafkaTestResource;
import org.movierec.testkit.MongoTestResource;
import org.movierec.testkit.PostgresTestResource;

/**
 * The router as a service, against real MongoDB (wire-compatible), PostgreSQL 17, a Kafka broker, a
 * Slack receiver, and WireMock in place of the inference service (whose failures the test controls) and of
 * retrain-service's release API. The infrastructure and the four registered model versions are shared by the
 * JVM; each test starts from no running experiment with {@code v1} in production and sets up the experiment
 * it needs, so the tests run in any order. Counters are compared before and after.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeInference.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SlackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = RetrainStandIn.class, restrictToAnnotatedClass = false)
class RouterServiceTest {

    static final String TOKEN = "Bearer test-only-admin-token";

    static MongoClient mongo;
    static MongoDatabase db;
    static ModelRegistry registry;
    static String v1;
    static String v2;
    static String v3;
    static String v4;

    @jakarta.inject.Inject
    PopularityCache popular;

    @jakarta.inject.Inject
    ExperimentStore store;

    @jakarta.inject.Inject
    ExperimentsPoller poller;

    @jakarta.inject.Inject
    ExperimentService experiments;

    @BeforeAll
    static void registryWithThreeVersions() {
        mongo = MongoClients.create(ConfigProvider.getConfig().getValue("quarkus.mongodb.connection-string", String.class));
        db = mongo.getDatabase("movierec");
        for (String collection : List.of("models", ExperimentsCollection.COLLECTION, ExperimentStore.AUDIT,
                ServingReplicas.COLLECTION)) {
            db.getCollection(collection).deleteMany(new Document());
        }
        registry = new ModelRegistry(db);
        v1 = registry.register("model one".getBytes(), Map.of(), Map.of(), Map.of()).version();
        v2 = registry.register("model two".getBytes(), Map.of(), Map.of(), Map.of()).version();
        v3 = registry.register("model three".getBytes(), Map.of(), Map.of(), Map.of()).version();
        v4 = registry.register("model four".getBytes(), Map.of(), Map.of(), Map.of()).version();
        // retrain-service's release API, standing in: it releases in this registry, as the real one does
        RetrainStandIn.onPromote(registry::promote);
        TelemetryRows.migrate();
    }

    @AfterAll
    static void close() {
        mongo.close();
    }

    /**
     * No experiment running, v1 in production, no inference replica heartbeat (a new experiment is live at once), the
     * stand-ins answering normally with nothing recorded.
     */
    @BeforeEach
    void noExperimentAndV1InProduction() {
        stopRunningExperiments();
        db.getCollection(ServingReplicas.COLLECTION).deleteMany(new Document());
        registry.promote(v1);
        FakeInference.reset();
        RetrainStandIn.succeed();
        RetrainStandIn.clear();
        SlackTestResource.receiver.clear();
    }

    /** Stops whatever experiment is running (at most one runs): a test that starts one needs none running. */
    static void stopRunningExperiments() {
        List<String> running = given().get("/experiments").then().statusCode(200)
                .extract().path("findAll { it.status == 'running' }.id");
        for (String id : running) {
            admin("POST", "/experiments/" + id + "/stop", null).then().statusCode(200);
        }
    }

    /** Starts an A/B experiment of v1 (control) against v2 (treatment), 50/50; returns its id. */
    static String startExperiment(String name) {
        return admin("POST", "/experiments", createBody(name, v1, 50, v2, 50)).then().statusCode(201)
                .extract().path("id");
    }

    /** The value of the metric series {@code series} (name and labels, as /q/metrics writes them), 0 if absent. */
    static double metric(String series) {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst().orElse(0);
    }

    static String createBody(String name, String control, int wc, String treatment, int wt) {
        return "{\"name\":\"" + name + "\",\"arms\":[{\"name\":\"control\",\"modelVersion\":\"" + control
                + "\",\"weight\":" + wc + "},{\"name\":\"treatment\",\"modelVersion\":\"" + treatment + "\",\"weight\":"
                + wt + "}]}";
    }

    static Response admin(String method, String path, String body) {
        var request = given().header("Authorization", TOKEN).header("X-Requested-By", "alice@test")
                .contentType(ContentType.JSON);
        if (body != null) {
            request = request.body(body);
        }
        return request.request(method, path);
    }

    @Test
    void readyAndWithoutAnExperimentEveryoneGetsProduction() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/recommend/7").then().statusCode(200)
                .contentType(startsWith("text/plain"))
                .header("X-Model-Version", FakeInference.PRODUCTION)
                .header("X-Experiment", nullValue())
                .body(equalTo(FakeInference.line(FakeInference.PRODUCTION, "7")));
        FakeInference.Received r = FakeInference.received().get(0);
        assertThat(r.model()).isNull();
        assertThat(r.experiment()).isNull();
        assertThat(r.requestId()).isNotBlank();
    }

    @Test
    void explainIsForwardedAndTheAnswerPassedThrough() {
        given().get("/recommend/7?explain=true").then().statusCode(200)
                .header("X-Model-Version", FakeInference.PRODUCTION);
        given().get("/recommend/7?explain=false").then().statusCode(200);
        assertThat(FakeInference.received()).extracting(FakeInference.Received::explain).containsExactly("true", null);
        assertThat(FakeInference.received()).extracting(FakeInference.Received::model).containsOnlyNulls();
    }

    @Test
    void anExplainOtherThanTrueOrFalseIs400AndNothingIsForwarded() {
        given().get("/recommend/7?explain=yes").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("explain must be true or false, got 'yes'"));
        assertThat(FakeInference.received()).isEmpty();
    }

    @Test
    void aBadUserIdIs400WithTheSameReasonAsInference() {
        for (String bad : List.of("abc", "0", "007", "-3", "1234567890123456789")) {
            given().get("/recommend/" + bad).then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400)).body("detail", equalTo(UserIds.problem(bad)));
        }
        assertThat(FakeInference.received()).isEmpty();
    }

    /**
     * Two router replicas (the canary loop runs in each) decide from the same state: the write is conditional on the
     * revision read, so the first applies and the second fails without writing or auditing anything.
     */
    @Test
    void ofTwoReplicasDecidingFromTheSameStateOnlyTheFirstWriteApplies() {
        admin("POST", "/experiments", createBody("two replicas", v1, 50, v2, 50)).then().statusCode(201);
        Experiment read = store.running().orElseThrow();
        Instant now = Instant.now();
        experiments.write(read, read.withWeights(Map.of("control", 80, "treatment", 20), now), "canary-widen",
                "replica-a");
        assertThatThrownBy(() -> experiments.write(read, read.withWeights(Map.of("control", 20, "treatment", 80), now),
                "canary-widen", "replica-b")).isInstanceOf(ExperimentConflictException.class);
        Experiment stored = store.running().orElseThrow();
        assertThat(stored.revision()).isEqualTo(read.revision() + 1);
        assertThat(stored.arms()).extracting(a -> a.weight()).containsExactly(80, 20);
        assertThat(store.auditTrail(read.id())).extracting(d -> d.getString("action") + " by " + d.getString("who"))
                .endsWith("canary-widen by replica-a").doesNotContain("canary-widen by replica-b");
    }

    @Test
    void changesNeedTheAdminToken() {
        int experiments = given().get("/experiments").then().statusCode(200).extract().path("size()");
        given().contentType(ContentType.JSON).body(createBody("x", v1, 50, v2, 50)).post("/experiments")
                .then().statusCode(401).body("detail", equalTo("missing bearer token"));
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body(createBody("x", v1, 50, v2, 50))
                .post("/experiments").then().statusCode(401).body("detail", equalTo("wrong bearer token"));
        given().get("/experiments").then().statusCode(200).body("size()", equalTo(experiments));
    }

    @Test
    void anExperimentSplitsUsersStickilyAndForwardsTheirArmsVersion() {
        String experimentId = admin("POST", "/experiments", createBody("ranking v2", v1, 50, v2, 50)).then().statusCode(201)
                .body("type", equalTo("ab")).body("status", equalTo("running"))
                .body("arms[1].modelVersion", equalTo(v2)).body("revision", equalTo(1))
                .extract().path("id");
        ArmAssignment expected = new ArmAssignment(experimentId, List.of(new Arm("control", 50), new Arm("treatment", 50)));
        for (int user = 1; user <= 60; user++) {
            String id = Integer.toString(user);
            String arm = expected.assign(id).name();
            String version = arm.equals("control") ? v1 : v2;
            given().header("X-Request-Id", "req-" + user).get("/recommend/" + id).then().statusCode(200)
                    .header("X-Experiment", experimentId).header("X-Arm", arm).header("X-Model-Version", version)
                    .contentType(startsWith("text/plain"))
                    .body(equalTo(FakeInference.line(version, id)));
        }
        List<FakeInference.Received> received = FakeInference.received();
        assertThat(received).hasSize(60);
        for (FakeInference.Received r : received) {
            String user = r.path().substring("/recommend/".length());
            assertThat(r.arm()).isEqualTo(expected.assign(user).name());
            assertThat(r.model()).isEqualTo(r.arm().equals("control") ? v1 : v2);
            assertThat(r.experiment()).isEqualTo(experimentId);
            assertThat(r.requestId()).isEqualTo("req-" + user);
        }
        // a request id that is too long or not a token is replaced by a generated one, not echoed
        for (String bad : List.of("x".repeat(129), "a b", "<id>")) {
            String echoed = given().header("X-Request-Id", bad).get("/recommend/5").then().statusCode(200)
                    .extract().header("X-Request-Id");
            assertThat(UUID.fromString(echoed).version()).isEqualTo(4);
        }
        FakeInference.reset();
        given().header("X-Request-Id", "req-5").accept(ContentType.JSON).get("/recommend/5").then().statusCode(200)
                .contentType(startsWith("application/json")).body("userId", equalTo("5"));
        assertThat(FakeInference.received().get(0).accept()).contains("application/json");
        // explain goes with the arm's version
        FakeInference.reset();
        given().get("/recommend/5?explain=true").then().statusCode(200);
        assertThat(FakeInference.received().get(0).model()).isEqualTo(expected.assign("5").name().equals("control") ? v1 : v2);
        assertThat(FakeInference.received().get(0).explain()).isEqualTo("true");
    }

    @Test
    void invalidChangesAreRejectedWithTheReasonAndTheOldConfigurationStays() {
        String experimentId = startExperiment("invalid changes");
        String path = "/experiments/" + experimentId;
        admin("PUT", path + "/weights", "{\"weights\":{\"control\":60,\"treatment\":30}}").then().statusCode(400)
                .body("problems", hasItem(startsWith("weights must sum to 100, got 90")));
        admin("PUT", path + "/weights", "{\"weights\":{\"control\":50}}").then().statusCode(400)
                .body("problems", hasItem("weights must name every arm; 'treatment' is missing"));
        admin("PUT", path + "/weights", "{\"weights\":{\"control\":150,\"treatment\":-50}}").then().statusCode(400)
                .body("detail", containsString("must be a whole percentage 0..100"));
        admin("PUT", path + "/weights", "{\"weights\":{\"control\":50,\"treatment\":50,\"other\":0}}").then()
                .statusCode(400).body("problems", hasItem(startsWith("no arm named 'other'")));
        admin("PUT", path + "/weights", "not json").then().statusCode(400)
                .body("detail", startsWith("the body is not a JSON object"));
        admin("PUT", path + "/overrides", "{\"overrides\":{\"42\":\"nope\"}}").then().statusCode(400)
                .body("problems", hasItem("override for user '42' names unknown arm 'nope'"));
        admin("PUT", path + "/overrides", "{\"overrides\":{\"042\":\"control\"}}").then().statusCode(400)
                .body("detail", containsString("leading zeros"));
        // a second experiment while one runs, and invalid new experiments
        admin("POST", "/experiments", createBody("second", v1, 50, v3, 50)).then().statusCode(409)
                .body("detail", containsString(experimentId));
        admin("POST", "/experiments", createBody("bad", v1, 50, "no-such-version", 50)).then().statusCode(400)
                .body("problems", hasItem("arm 'treatment': model version 'no-such-version' is not in the registry"));
        admin("POST", "/experiments", "{\"name\":\"dup\",\"arms\":[{\"name\":\"a\",\"modelVersion\":\"" + v1
                + "\",\"weight\":50},{\"name\":\"a\",\"modelVersion\":\"" + v2 + "\",\"weight\":50}],\"colour\":1}")
                .then().statusCode(400)
                .body("problems", hasItem("arm name 'a' is used more than once"))
                .body("problems", hasItem(startsWith("unknown field 'colour'")));
        given().get(path).then().statusCode(200).body("revision", equalTo(1))
                .body("arms.weight", org.hamcrest.Matchers.contains(50, 50)).body("overrides.size()", equalTo(0));
        given().get(path + "/audit").then().statusCode(200).body("action", org.hamcrest.Matchers.contains("create"));
    }

    @Test
    void aWeightChangeAndOverridesAreAppliedAndAudited() {
        String experimentId = startExperiment("weights and overrides");
        String path = "/experiments/" + experimentId;
        admin("PUT", path + "/weights", "{\"weights\":{\"control\":0,\"treatment\":100}}").then().statusCode(200)
                .body("arms.weight", org.hamcrest.Matchers.contains(0, 100)).body("revision", equalTo(2));
        given().get("/recommend/11").then().statusCode(200).header("X-Arm", "treatment");
        admin("PUT", path + "/overrides", "{\"overrides\":{\"11\":\"control\"}}").then().statusCode(200);
        given().get("/recommend/11").then().statusCode(200).header("X-Arm", "control").header("X-Model-Version", v1);
        given().get("/recommend/12").then().statusCode(200).header("X-Arm", "treatment");
        List<Document> audit = db.getCollection(ExperimentStore.AUDIT).find(new Document("experimentId", experimentId))
                .sort(new Document("at", 1)).into(new ArrayList<>());
        assertThat(audit).extracting(d -> d.getString("action")).containsExactly("create", "weights", "overrides");
        Document weights = audit.get(1);
        // the caller's claim and which admin token made the change (a fingerprint, never the token)
        assertThat(weights.getString("who")).isEqualTo("alice@test [token " + BearerToken.fingerprint(TOKEN) + "]");
        assertThat(weights.getString("who")).doesNotContain("test-only-admin-token");
        assertThat(weights.get("at")).isNotNull();
        assertThat(weights.get("before", Document.class).getList("arms", Document.class).get(0).get("weight"))
                .isEqualTo(50.0);
        assertThat(weights.get("after", Document.class).getList("arms", Document.class).get(0).get("weight"))
                .isEqualTo(0.0);
        admin("PUT", path + "/weights", "{\"weights\":{\"control\":50,\"treatment\":50}}").then().statusCode(200);
        admin("PUT", path + "/overrides", "{\"overrides\":{}}").then().statusCode(200);
    }

    @Test
    void tooManyOverridesOrABadCallerNameChangeNothingAndAuditNothing() {
        String experimentId = startExperiment("too many overrides");
        String path = "/experiments/" + experimentId;
        int revision = given().get(path).then().extract().path("revision");
        long audited = db.getCollection(ExperimentStore.AUDIT).countDocuments(new Document("experimentId", experimentId));
        StringBuilder many = new StringBuilder("{\"overrides\":{");
        for (int user = 1; user <= ExperimentService.MAX_OVERRIDES + 1; user++) {
            many.append(user == 1 ? "" : ",").append('"').append(user).append("\":\"control\"");
        }
        many.append("}}");
        admin("PUT", path + "/overrides", many.toString()).then().statusCode(400).contentType("application/problem+json")
                .body("problems", hasItem("at most " + ExperimentService.MAX_OVERRIDES + " overrides, got "
                        + (ExperimentService.MAX_OVERRIDES + 1)));
        for (String caller : List.of("x".repeat(101), "eve\tmallory")) {
            given().header("Authorization", TOKEN).header("X-Requested-By", caller).contentType(ContentType.JSON)
                    .body("{\"overrides\":{}}").put(path + "/overrides").then().statusCode(400)
                    .body("detail", containsString("X-Requested-By"));
        }
        given().get(path).then().body("revision", equalTo(revision));
        assertThat(db.getCollection(ExperimentStore.AUDIT).countDocuments(new Document("experimentId", experimentId)))
                .isEqualTo(audited);

        // a change that loses to a concurrent one withdraws its audit record: one record per stored revision
        Experiment read = store.find(experimentId).orElseThrow();
        admin("PUT", path + "/overrides", "{\"overrides\":{\"3\":\"control\"}}").then().statusCode(200);
        assertThat(store.replace(read, read.withOverrides(Map.of("4", "control")), "overrides", "test")).isFalse();
        assertThat(db.getCollection(ExperimentStore.AUDIT).countDocuments(new Document("experimentId", experimentId)))
                .isEqualTo(audited + 1);
        admin("PUT", path + "/overrides", "{\"overrides\":{}}").then().statusCode(200);
    }

    @Test
    void aFailingArmIsRetriedOnControl() {
        String experimentId = startExperiment("failing arm");
        FakeInference.mode(v2, FakeInference.Mode.ERROR);
        String user = treatmentUser(experimentId);
        // answered by control's version, but the user stays in the arm they were assigned to (intention to treat)
        given().get("/recommend/" + user).then().statusCode(200).header("X-Arm", "treatment")
                .header("X-Model-Version", v1).body(equalTo(FakeInference.line(v1, user)));
        assertThat(FakeInference.received()).extracting(FakeInference.Received::model).containsExactly(v2, v1);
    }

    @Test
    void aUserWhoseArmsVersionIsNotLoadedIsRetriedOnControlAndCountedInTheirArm() {
        String experimentId = startExperiment("not loaded");
        FakeInference.mode(v2, FakeInference.Mode.NOT_LOADED);
        String user = treatmentUser(experimentId);
        String requestId = "itt-" + UUID.randomUUID();
        given().header("X-Request-Id", requestId).get("/recommend/" + user).then().statusCode(200)
                .header("X-Experiment", experimentId).header("X-Arm", "treatment").header("X-Model-Version", v1)
                .body(equalTo(FakeInference.line(v1, user)));
        List<FakeInference.Received> received = FakeInference.received();
        assertThat(received).extracting(FakeInference.Received::model).containsExactly(v2, v1);
        // both calls name the user's arm and say the router publishes the served event
        assertThat(received).extracting(FakeInference.Received::arm).containsOnly("treatment");
        assertThat(received).extracting(FakeInference.Received::experiment).containsOnly(experimentId);
        assertThat(received).extracting(FakeInference.Received::publishedBy).containsOnly(ServedEventHeaders.ROUTER);

        ServedEvent answered = awaitServedEvent(requestId);
        assertThat(answered.experiment()).isEqualTo(experimentId);
        assertThat(answered.arm()).isEqualTo("treatment");
        assertThat(answered.modelVersion()).isEqualTo(v1);
        assertThat(answered.items()).containsExactly(FakeInference.line(v1, user).split(","));
        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.fallback()).isFalse();
        ServedEvent notLoaded = awaitServedEvent(requestId + ":try-1");
        assertThat(notLoaded.experiment()).isEqualTo(experimentId);
        assertThat(notLoaded.arm()).isEqualTo("treatment");
        assertThat(notLoaded.modelVersion()).isEqualTo(v2);
        assertThat(notLoaded.status()).isEqualTo(404);
    }

    @Test
    void theRouterPublishesOneServedEventPerAnswerWithWhatTheClientWaited() {
        String experimentId = startExperiment("client wait");
        FakeInference.defaultMode(FakeInference.Mode.DELAYED);
        String user = treatmentUser(experimentId);
        String requestId = "wait-" + UUID.randomUUID();
        given().header("X-Request-Id", requestId).get("/recommend/" + user).then().statusCode(200)
                .header("X-Arm", "treatment").header("X-Model-Version", v2);
        ServedEvent answered = awaitServedEvent(requestId);
        assertThat(answered.arm()).isEqualTo("treatment");
        assertThat(answered.modelVersion()).isEqualTo(v2);
        assertThat(answered.items()).containsExactly(FakeInference.line(v2, user).split(","));
        // the router's time includes inference's answer, which took at least its delay
        assertThat(answered.latencyMs()).isGreaterThanOrEqualTo(FakeInference.DELAYED_MILLIS);
        assertThat(FakeInference.received()).singleElement().extracting(FakeInference.Received::publishedBy)
                .isEqualTo(ServedEventHeaders.ROUTER);
    }

    @Test
    void aNewExperimentGoesLiveOnlyOnceEveryFreshReplicaServesItsVersions() {
        ServingReplicas replicas = new ServingReplicas(db);
        replicas.beat("inference-a/1", List.of(v1), Instant.now());
        replicas.beat("stopped-long-ago/2", List.of(), Instant.now().minus(Duration.ofHours(1)));
        String id = admin("POST", "/experiments", createBody("waits for v3", v1, 50, v3, 50)).then().statusCode(201)
                .body("liveAt", nullValue()).extract().path("id");
        String user = treatmentUser(id);
        poller.poll();
        given().get("/experiments/" + id).then().statusCode(200).body("status", equalTo("running"))
                .body("liveAt", nullValue());
        // not live: the user gets production, exactly as without an experiment, and is not counted in it
        given().get("/recommend/" + user).then().statusCode(200).header("X-Experiment", nullValue())
                .header("X-Arm", nullValue()).header("X-Model-Version", FakeInference.PRODUCTION);
        assertThat(FakeInference.received()).singleElement().satisfies(r -> {
            assertThat(r.model()).isNull();
            assertThat(r.arm()).isNull();
        });

        replicas.beat("inference-a/1", List.of(v1, v3), Instant.now());
        await("experiment " + id + " goes live").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/experiments/" + id).then().extract().path("liveAt") != null);
        given().get("/recommend/" + user).then().statusCode(200).header("X-Experiment", id).header("X-Arm", "treatment")
                .header("X-Model-Version", v3);
        List<Document> audit = store.auditTrail(id);
        assertThat(audit).extracting(d -> d.getString("action")).containsExactly("create", GoLive.ACTION);
        assertThat(audit.get(1).getString("who")).contains("every inference replica serves");
        Experiment live = store.find(id).orElseThrow();
        assertThat(live.liveAt()).isAfter(live.createdAt());
        assertThat(live.countedFrom()).isEqualTo(live.liveAt());
    }

    @Test
    void withNoFreshReplicaHeartbeatANewExperimentIsLiveAtOnce() {
        new ServingReplicas(db).beat("stopped-long-ago/2", List.of(v1), Instant.now().minus(Duration.ofHours(1)));
        Response created = admin("POST", "/experiments", createBody("nothing to wait for", v1, 50, v3, 50));
        created.then().statusCode(201).body("liveAt", notNullValue());
        String id = created.path("id");
        Response stored = given().get("/experiments/" + id);
        stored.then().statusCode(200).body("revision", equalTo(1)).body("liveAt", equalTo(stored.<String>path("createdAt")));
        given().get("/recommend/" + treatmentUser(id)).then().statusCode(200).header("X-Arm", "treatment")
                .header("X-Model-Version", v3);
    }

    @Test
    void aCanaryNotLiveYetWaitsAndItsFirstStepStartsWhenItGoesLive() {
        ServingReplicas replicas = new ServingReplicas(db);
        replicas.beat("inference-a/1", List.of(v1), Instant.now());
        String id = admin("POST", "/experiments/canary", "{\"candidateVersion\":\"" + v4 + "\"}").then().statusCode(201)
                .body("liveAt", nullValue()).extract().path("id");
        admin("POST", "/experiments/" + id + "/canary/evaluate", null).then().statusCode(200)
                .body("action", equalTo("wait")).body("reason", startsWith("not live yet"))
                .body("experiment.revision", equalTo(1));

        replicas.beat("inference-a/1", List.of(v1, v4), Instant.now());
        poller.poll();
        Experiment live = store.find(id).orElseThrow();
        assertThat(live.liveAt()).isNotNull();
        admin("POST", "/experiments/" + id + "/canary/evaluate", null).then().statusCode(200)
                .body("action", equalTo("wait"))
                .body("experiment.canary.stepStartedAt", equalTo(live.liveAt().toString()));
    }

    @Test
    void aSlowUpstreamGivesThePopularityFallbackPublishedAsAServedEvent() throws Exception {
        String experimentId = startExperiment("slow upstream");
        // A fresh popularity list first; one refresh on a keep-alive connection the previous tests' slow and failing
        // answers left behind came back empty once in CI, so it is retried (the fallback is what is tested here).
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> popular.refresh().toCompletionStage().toCompletableFuture().get() != null);
        FakeInference.defaultMode(FakeInference.Mode.SLOW);
        String user = treatmentUser(experimentId);
        String requestId = "slow-" + UUID.randomUUID();
        given().header("X-Request-Id", requestId).get("/recommend/" + user).then().statusCode(200)
                .header("X-Fallback", "timeout").header("X-Arm", "treatment").header("X-Experiment", experimentId)
                .header("X-Model-Version", FakeInference.PRODUCTION).body(equalTo("p1,p2,p3"));
        given().header("X-Request-Id", requestId + "-json").accept(ContentType.JSON).get("/recommend/" + user).then()
                .statusCode(200).body("fallback", equalTo(true)).body("items.movieId", hasItem("p1"));
        assertThat(FakeInference.received()).extracting(FakeInference.Received::model).startsWith(v2, v1);

        ServedEvent fallback = awaitServedEvent(requestId);
        assertThat(fallback.fallback()).isTrue();
        assertThat(fallback.experiment()).isEqualTo(experimentId);
        assertThat(fallback.arm()).isEqualTo("treatment");
        assertThat(fallback.items()).containsExactly("p1", "p2", "p3");
        ServedEvent failedAttempt = awaitServedEvent(requestId + ":try-1");
        assertThat(failedAttempt.status()).isEqualTo(504);
        assertThat(failedAttempt.modelVersion()).isEqualTo(v2);
        // the retry on control is published against the user's arm too, with control's version
        ServedEvent failedRetry = awaitServedEvent(requestId + ":try-2");
        assertThat(failedRetry.arm()).isEqualTo("treatment");
        assertThat(failedRetry.modelVersion()).isEqualTo(v1);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("router_fallbacks_total\\{[^}]*arm=\"treatment\"[^}]*experiment=\""
                + experimentId + "\"[^}]*reason=\"timeout\"[^}]*} [1-9]");
        assertThat(metrics).contains("router_upstream_seconds_count{outcome=\"failed\"");
        // latency histograms with the fixed buckets the alert rules compare against (250 ms is one of them)
        assertThat(metrics.lines()).anyMatch(l -> l.startsWith("router_upstream_seconds_bucket{")
                && l.contains("le=\"0.25\"") && l.contains("outcome=\"failed\""));
        assertThat(metrics.lines()).anyMatch(l -> l.startsWith("http_server_requests_seconds_bucket{")
                && l.contains("le=\"0.25\"") && l.contains("uri=\"/recommend/{userId}\""));
        // the popular list was just fetched: its refresher is up, and so is the experiments poller
        assertThat(metrics).contains("movierec_background_loop_up{loop=\"popular-refresher\"} 1.0")
                .contains("movierec_background_loop_up{loop=\"experiments-poller\"} 1.0")
                .contains("movierec_background_loop_restarts_total{loop=\"experiments-poller\"}");
    }

    @Test
    void anUpstreamThatIsDownGivesThePopularityFallback() {
        String experimentId = startExperiment("upstream down");
        FakeInference.down();
        try {
            given().get("/recommend/" + treatmentUser(experimentId)).then().statusCode(200).header("X-Fallback", "connection")
                    .body(equalTo("p1,p2,p3"));
        } finally {
            FakeInference.restart();
        }
        given().get("/recommend/3").then().statusCode(200).header("X-Fallback", nullValue());
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertThat(metrics).containsPattern("router_fallbacks_total\\{[^}]*reason=\"connection\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("router_requests_total\\{arm=\"treatment\",experiment=\"" + experimentId
                + "\"[^}]*} [1-9]");
        assertThat(metrics).contains("router_assignments_total{arm=\"control\",experiment=\"" + experimentId);
    }

    @Test
    void theReportComputesEveryArmFromTheTelemetryTables() throws Exception {
        String experimentId = startExperiment("report");
        TelemetryRows.insert(experimentId, "control", v1, 1000, 400, 2, 5.0, 300, 0.9, 1);
        TelemetryRows.insert(experimentId, "treatment", v2, 5000, 400, 3, 7.0, 300, 0.9, 2);
        double[] control = TelemetryRows.countAndMeanSquaredError(experimentId, "control");
        Response report = given().get("/experiments/" + experimentId + "/report");
        report.then().statusCode(200).contentType(startsWith("application/json"))
                .body("analysis.unit", equalTo("user"))
                .body("arms[0].arm", equalTo("control"))
                .body("arms[0].users", equalTo(400))
                .body("arms[0].requests", equalTo(400))
                .body("arms[0].ratings", equalTo(300))
                .body("arms[0].watched", equalTo(200))
                .body("arms[0].clientWaitP99Ms", equalTo(5.0f))
                .body("arms[1].watched", equalTo(134))
                .body("comparisons[0].metrics[0].metric", equalTo("watch-through"))
                .body("comparisons[0].metrics[0].role", equalTo("primary"))
                .body("comparisons[0].metrics[0].fixedHorizon.pValue", notNullValue())
                .body("comparisons[0].metrics[0].relative.interval.lower", notNullValue())
                .body("comparisons[0].metrics[0].alwaysValid.looks", equalTo(0))
                .body("comparisons[0].decision", startsWith("continue"))
                .body("sampleRatioMismatch.observedUsers", org.hamcrest.Matchers.contains(400, 400))
                .body("sampleRatioMismatch.mismatch", equalTo(false));
        double firstArmRmse = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.asString())
                .get("arms").get(0).get("rmse").doubleValue();
        assertThat(firstArmRmse).isCloseTo(Math.sqrt(control[1]),
                org.assertj.core.api.Assertions.within(1e-12));
        String csv = given().accept("text/csv").get("/experiments/" + experimentId + "/report").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertThat(csv.split("\n")).hasSize(3);
        assertThat(csv).startsWith("experiment,arm,model_version,weight,users,requests,attempts");
        assertThat(csv.split("\n")[1]).startsWith(experimentId + ",control," + v1 + ",50,400,400,400,");
        // reading records no look; a look is recorded on the schedule, at a decision or when asked
        assertThat(db.getCollection(SequentialLooks.COLLECTION).countDocuments(
                com.mongodb.client.model.Filters.regex("_id", "^" + java.util.regex.Pattern.quote(experimentId) + "/")))
                .isZero();
        admin("POST", "/experiments/" + experimentId + "/look", null).then().statusCode(200)
                .body("comparisons[0].metrics[0].alwaysValid.looks", equalTo(1));
        given().get("/experiments/" + experimentId + "/report").then().statusCode(200)
                .body("comparisons[0].metrics[0].alwaysValid.looks", equalTo(1));
        given().post("/experiments/" + experimentId + "/look").then().statusCode(401);
    }

    @Test
    void stoppingSendsEveryoneBackToProduction() {
        String experimentId = startExperiment("stopping");
        admin("POST", "/experiments/" + experimentId + "/stop", null).then().statusCode(200)
                .body("status", equalTo("stopped")).body("endReason", equalTo("stopped by alice@test [token " + BearerToken.fingerprint(TOKEN) + "]"));
        given().get("/recommend/12").then().statusCode(200).header("X-Experiment", nullValue())
                .header("X-Model-Version", FakeInference.PRODUCTION);
        admin("POST", "/experiments/" + experimentId + "/stop", null).then().statusCode(409);
        admin("PUT", "/experiments/" + experimentId + "/weights", "{\"weights\":{\"control\":50,\"treatment\":50}}")
                .then().statusCode(409);
        given().get("/experiments/no-such").then().statusCode(404);
    }

    @Test
    void canaryRequestsAreValidated() {
        admin("POST", "/experiments/canary", "{\"candidateVersion\":\"no-such\"}").then().statusCode(400)
                .body("problems", hasItem("arm 'candidate': model version 'no-such' is not in the registry"));
        admin("POST", "/experiments/canary", "{\"candidateVersion\":\"" + v1 + "\"}").then().statusCode(400)
                .body("detail", containsString("is already the production version"));
        admin("POST", "/experiments/canary", "{\"candidateVersion\":\"" + v2 + "\",\"steps\":[5,50]}").then()
                .statusCode(400).body("detail", containsString("the last step must be 100"));
        admin("POST", "/experiments/canary", "{}").then().statusCode(400)
                .body("problems", hasItem("'candidateVersion' is required"));
    }

    @Test
    void aGoodCanaryWidensStepByStepAndIsPromoted() throws Exception {
        double held = metric("router_canary_decisions_total{decision=\"held\"}");
        double widened = metric("router_canary_decisions_total{decision=\"widened\"}");
        double promoted = metric("router_canary_decisions_total{decision=\"promoted\"}");
        String id = admin("POST", "/experiments/canary", "{\"candidateVersion\":\"" + v2
                + "\",\"requestedBy\":\"retrain-service\"}").then().statusCode(201)
                .body("type", equalTo("canary"))
                .body("arms.name", org.hamcrest.Matchers.contains("control", "candidate"))
                .body("arms.modelVersion", org.hamcrest.Matchers.contains(v1, v2))
                .body("arms.weight", org.hamcrest.Matchers.contains(95, 5))
                .body("canary.steps", org.hamcrest.Matchers.contains(5, 25, 50, 100))
                .body("createdBy", equalTo("retrain-service"))
                .extract().path("id");
        admin("POST", "/experiments/canary", "{\"candidateVersion\":\"" + v3 + "\"}").then().statusCode(409)
                .body("detail", startsWith("a canary is already running"));
        admin("POST", "/experiments/" + id + "/canary/evaluate", null).then().statusCode(200)
                .body("action", equalTo("wait")).body("reason", containsString("candidate has 0 of 100 requests"));
        int[] expectedWeights = {25, 50};
        for (int step = 0; step < 3; step++) {
            TelemetryRows.insert(id, "control", v1, 10_000 * (step + 1), 150, 2, 5, 150, 0.9, 100 + step);
            // the same errors as control (same seed): equally good, so no hold on a chance RMSE excess
            TelemetryRows.insert(id, "candidate", v2, 20_000 * (step + 1), 150, 2, 5, 150, 0.9, 100 + step);
            Response evaluation = admin("POST", "/experiments/" + id + "/canary/evaluate", null);
            evaluation.then().statusCode(200);
            if (step < 2) {
                evaluation.then().body("action", equalTo("widen"))
                        .body("experiment.arms[1].weight", equalTo(expectedWeights[step]));
                given().get("/experiments/" + id).then().body("canary.percent", equalTo(expectedWeights[step]));
            } else {
                evaluation.then().body("action", equalTo("promote")).body("experiment.status", equalTo("completed"))
                        .body("experiment.canary.release.state", equalTo("promoted"))
                        .body("experiment.canary.release.attempts", equalTo(1));
            }
        }
        // released by retrain-service (standing in), asked once with its token, the caller and the experiment
        assertThat(RetrainStandIn.calls()).hasSize(1);
        RetrainStandIn.Call call = RetrainStandIn.calls().get(0);
        assertThat(call.path()).isEqualTo("/models/" + v2 + "/promote");
        assertThat(call.authorization()).isEqualTo("Bearer " + RetrainStandIn.TOKEN);
        assertThat(call.requestedBy()).isEqualTo("canary-controller");
        assertThat(call.body()).contains("\"experimentId\":\"" + id + "\"").contains("\"reason\":\"canary " + id + " passed: ");
        assertThat(registry.productionVersion()).contains(v2);
        String notice = SlackTestResource.receiver.awaitPost(p -> p.contains("promoted"), Duration.ofSeconds(30));
        assertThat(notice).contains(id).contains(v2);
        given().get("/recommend/3").then().statusCode(200).header("X-Experiment", nullValue());
        assertThat(db.getCollection(ExperimentStore.AUDIT).find(new Document("experimentId", id))
                .map(d -> d.getString("action")).into(new ArrayList<>()))
                .containsExactly("create", "canary-look", "canary-widen", "canary-widen", "canary-promoting", "canary-promote");
        assertThat(metric("router_canary_decisions_total{decision=\"held\"}")).isEqualTo(held + 1);
        assertThat(metric("router_canary_decisions_total{decision=\"widened\"}")).isEqualTo(widened + 2);
        assertThat(metric("router_canary_decisions_total{decision=\"promoted\"}")).isEqualTo(promoted + 1);
    }

    @Test
    void aDegradedCanaryIsAbortedAtTheFirstStepWithANotice() throws Exception {
        double aborted = metric("router_canary_decisions_total{decision=\"aborted\"}");
        String id = admin("POST", "/experiments/canary", "{\"candidateVersion\":\"" + v3
                + "\",\"requestedBy\":\"retrain-service\"}").then().statusCode(201)
                .body("arms.modelVersion", org.hamcrest.Matchers.contains(v1, v3)).extract().path("id");
        TelemetryRows.insert(id, "control", v1, 30_000, 150, 2, 5, 150, 0.9, 300);
        TelemetryRows.insert(id, "candidate", v3, 40_000, 150, 2, 5, 150, 1.8, 400);
        admin("POST", "/experiments/" + id + "/canary/evaluate", null).then().statusCode(200)
                .body("action", equalTo("abort"))
                .body("reason", startsWith("online RMSE of the candidate"))
                .body("experiment.status", equalTo("aborted"));
        assertThat(registry.productionVersion()).contains(v1);
        String notice = SlackTestResource.receiver.awaitPost(p -> p.contains("aborted"), Duration.ofSeconds(30));
        assertThat(notice).contains(id).contains(v3).contains("at 5 % of users");
        admin("POST", "/experiments/" + id + "/canary/evaluate", null).then().statusCode(409);
        assertThat(metric("router_canary_decisions_total{decision=\"aborted\"}")).isEqualTo(aborted + 1);
    }

    @Test
    void aFailedReleaseIsVisibleAndNotCompletedUntilARetrySucceeds() throws Exception {
        RetrainStandIn.failWith(409, "version " + v3 + " cannot be loaded: md5 mismatch");
        String id = passingCanary(v3, v1, 50_000);
        admin("POST", "/experiments/" + id + "/canary/evaluate", null).then().statusCode(200)
                .body("action", equalTo("promote"))
                .body("experiment.status", equalTo("running"))
                .body("experiment.canary.release.state", equalTo("promote_failed"))
                .body("experiment.canary.release.attempts", equalTo(1))
                .body("experiment.canary.release.lastError", containsString("HTTP 409: version " + v3 + " cannot be loaded"));
        given().get("/experiments/" + id).then().statusCode(200).body("status", equalTo("running"))
                .body("endedAt", nullValue()).body("canary.release.state", equalTo("promote_failed"));
        assertThat(registry.productionVersion()).contains(v1);

        RetrainStandIn.succeed();
        admin("POST", "/experiments/" + id + "/canary/evaluate", null).then().statusCode(200)
                .body("action", equalTo("promote"))
                .body("experiment.status", equalTo("completed"))
                .body("experiment.canary.release.state", equalTo("promoted"))
                .body("experiment.canary.release.attempts", equalTo(2));
        assertThat(registry.productionVersion()).contains(v3);
        assertThat(RetrainStandIn.calls()).extracting(RetrainStandIn.Call::path)
                .containsExactly("/models/" + v3 + "/promote", "/models/" + v3 + "/promote");
        assertThat(db.getCollection(ExperimentStore.AUDIT).find(new Document("experimentId", id))
                .map(d -> d.getString("action")).into(new ArrayList<>()))
                .endsWith("canary-promoting", "canary-promote-failed", "canary-promote-retry", "canary-promote");
    }

    @Test
    void aReleaseThatKeepsFailingAbortsTheCanaryWithANotice() throws Exception {
        double aborted = metric("router_canary_decisions_total{decision=\"aborted\"}");
        RetrainStandIn.failWith(503, "MongoDB is unavailable");
        String id = passingCanary(v4, v1, 90_000);
        for (int attempt = 1; attempt <= 3; attempt++) {
            admin("POST", "/experiments/" + id + "/canary/evaluate", null).then().statusCode(200)
                    .body("experiment.status", equalTo("running"))
                    .body("experiment.canary.release.state", equalTo("promote_failed"))
                    .body("experiment.canary.release.attempts", equalTo(attempt));
        }
        admin("POST", "/experiments/" + id + "/canary/evaluate", null).then().statusCode(200)
                .body("action", equalTo("abort"))
                .body("experiment.status", equalTo("aborted"))
                .body("experiment.endReason", startsWith("passed, but the release failed 4 times"))
                .body("experiment.canary.release.state", equalTo("promote_failed"));
        assertThat(registry.productionVersion()).contains(v1);
        String notice = SlackTestResource.receiver.awaitPost(p -> p.contains(id), Duration.ofSeconds(30));
        assertThat(notice).contains(v4).contains("failed 4 times").contains("production stays " + v1);
        assertThat(metric("router_canary_decisions_total{decision=\"aborted\"}")).isEqualTo(aborted + 1);
    }

    /**
     * Starts a canary of {@code candidate} against production {@code control} and feeds it telemetry of equal
     * quality until the policy decides to promote; the last evaluation is left to the caller.
     */
    private static String passingCanary(String candidate, String control, long firstUser) throws Exception {
        String id = admin("POST", "/experiments/canary", "{\"candidateVersion\":\"" + candidate
                + "\",\"requestedBy\":\"retrain-service\"}").then().statusCode(201).extract().path("id");
        for (int step = 0; step < 3; step++) {
            TelemetryRows.insert(id, "control", control, firstUser + 10_000 * step, 150, 2, 5, 150, 0.9, 700 + step);
            TelemetryRows.insert(id, "candidate", candidate, firstUser + 5_000 + 10_000 * step, 150, 2, 5, 150, 0.9, 700 + step);
            if (step < 2) {
                admin("POST", "/experiments/" + id + "/canary/evaluate", null).then().statusCode(200)
                        .body("action", equalTo("widen"));
            }
        }
        return id;
    }

    /** A user the running experiment puts in arm treatment. */
    static String treatmentUser(String experimentId) {
        ArmAssignment assignment = new ArmAssignment(experimentId, List.of(new Arm("control", 50), new Arm("treatment", 50)));
        for (int user = 100; ; user++) {
            if (assignment.assign(Integer.toString(user)).name().equals("treatment")) {
                return Integer.toString(user);
            }
        }
    }

    static ServedEvent awaitServedEvent(String requestId) {
        Properties props = new Properties();
        props.put("bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put("group.id", "router-test-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        props.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.SERVED));
            return await("a served event with request id " + requestId).atMost(Duration.ofSeconds(60))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .until(() -> servedEvent(consumer.poll(Duration.ofMillis(500)), requestId), event -> event != null);
        }
    }

    private static ServedEvent servedEvent(Iterable<ConsumerRecord<String, String>> records, String requestId) {
        for (ConsumerRecord<String, String> record : records) {
            ServedEvent event = ServedEvent.fromJson(record.value());
            if (event.requestId().equals(requestId)) {
                return event;
            }
        }
        return null;
    }
}
