package org.movierec.retrain.release;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.movierec.core.data.RatingScale;
import org.movierec.core.ids.IdIndex;
import org.movierec.core.model.SvdModel;
import org.movierec.registry.ModelRegistry;
import org.movierec.retrain.service.RetrainTestResource;

/**
 * The release API against the running service, on the test's MongoDB (mongo-java-server): versions are
 * registered straight into the registry, then released, rolled back and listed over HTTP. Every test registers
 * its own versions and releases them first, so it does not depend on what other tests left in production.
 */
@QuarkusTest
@WithTestResource(RetrainTestResource.class)
@TestProfile(ReleasesTest.OwnDatabase.class)
class ReleasesTest {

    /** A database of its own: the run tests expect an empty registry, and these tests change production. */
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("retrain.mongodb-database", DATABASE);
        }
    }

    static final String DATABASE = "releases-test";

    static final String TOKEN = "Bearer test-only-admin-token";
    private static final String PROBLEM = "application/problem+json";

    private MongoClient mongo;
    private ModelRegistry registry;

    @BeforeEach
    void connect() {
        mongo = MongoClients.create(ConfigProvider.getConfig().getValue("quarkus.mongodb.connection-string", String.class));
        registry = new ModelRegistry(mongo.getDatabase(DATABASE));
    }

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void promoteRollbackAndTheHistoryRecordWhoWhatWhenWhyAndFromWhich() {
        String a = register(1);
        String b = register(2);
        String c = register(3);
        admin("ops@example").body("{\"reason\":\"baseline\"}").post("/models/" + a + "/promote").then().statusCode(200);
        String before = registry.productionVersion().orElseThrow();
        assertThat(before).isEqualTo(a);

        Instant start = Instant.now().minusSeconds(1);
        admin("ops@example").body("{\"reason\":\"better NDCG\"}").post("/models/" + b + "/promote").then()
                .statusCode(200)
                .body("kind", equalTo("promote")).body("version", equalTo(b)).body("previous", equalTo(a))
                .body("requestedBy", equalTo("ops@example")).body("credential", equalTo("retrain-admin-token"))
                .body("reason", equalTo("better NDCG"));
        assertThat(registry.productionVersion()).contains(b);

        // promoting the production version again changes nothing and answers its release (a retry is safe)
        admin("canary-controller").body("{\"reason\":\"again\"}").post("/models/" + b + "/promote").then()
                .statusCode(200).body("version", equalTo(b)).body("previous", equalTo(a)).body("reason", equalTo("better NDCG"));

        admin("ops@example").body("{\"reason\":\"next\"}").post("/models/" + c + "/promote").then().statusCode(200)
                .body("previous", equalTo(b));

        // rollback without a body: to the previous production version
        admin("oncall").post("/models/rollback").then().statusCode(200)
                .body("kind", equalTo("rollback")).body("version", equalTo(b)).body("previous", equalTo(c))
                .body("reason", equalTo("rollback")).body("requestedBy", equalTo("oncall"));
        assertThat(registry.productionVersion()).contains(b);

        // rollback to a named version that was in production before
        admin("oncall").body("{\"version\":\"" + a + "\",\"reason\":\"back to the baseline\"}").post("/models/rollback")
                .then().statusCode(200).body("version", equalTo(a)).body("previous", equalTo(b));
        assertThat(registry.productionVersion()).contains(a);

        Map<String, Object> history = admin("oncall").get("/models").then().statusCode(200)
                .body("production", equalTo(a)).extract().jsonPath().getMap("");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> releases = (List<Map<String, Object>>) history.get("releases");
        List<Map<String, Object>> mine = releases.subList(0, 4);
        assertThat(mine).extracting(r -> r.get("kind"), r -> r.get("version"), r -> r.get("previous"), r -> r.get("reason"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("rollback", a, b, "back to the baseline"),
                        org.assertj.core.groups.Tuple.tuple("rollback", b, c, "rollback"),
                        org.assertj.core.groups.Tuple.tuple("promote", c, b, "next"),
                        org.assertj.core.groups.Tuple.tuple("promote", b, a, "better NDCG"));
        for (Map<String, Object> r : mine) {
            Instant at = Instant.parse((String) r.get("at"));
            assertThat(at).isAfter(start).isBeforeOrEqualTo(Instant.now());
            assertThat(r.get("credential")).isEqualTo("retrain-admin-token");
        }
        assertThat(Instant.parse((String) mine.get(0).get("at"))).isAfterOrEqualTo(Instant.parse((String) mine.get(3).get("at")));
    }

    @Test
    void everyCallNeedsTheTokenAndAnswersProblems() {
        String v = register(4);
        given().body("{\"reason\":\"x\"}").post("/models/" + v + "/promote").then().statusCode(401)
                .contentType(PROBLEM).body("status", equalTo(401)).body("title", equalTo("Unauthorized"))
                .body("detail", equalTo("missing bearer token")).body("type", equalTo("about:blank"));
        given().header("Authorization", "Bearer wrong").post("/models/rollback").then().statusCode(401)
                .contentType(PROBLEM).body("detail", equalTo("wrong bearer token"));
        given().get("/models").then().statusCode(401).contentType(PROBLEM);
        assertThat(registry.get(v).orElseThrow().status().wireName()).isEqualTo("candidate");
    }

    @Test
    void unknownRejectedArchivedAndUnloadableVersionsAreRefusedAndProductionStays() {
        String production = register(5);
        admin("ops").body("{\"reason\":\"baseline\"}").post("/models/" + production + "/promote").then().statusCode(200);

        admin("ops").body("{\"reason\":\"x\"}").post("/models/20250101-000000-deadbeef/promote").then().statusCode(404)
                .contentType(PROBLEM).body("status", equalTo(404)).body("detail", containsString("unknown model version"));
        admin("ops").body("{\"version\":\"20250101-000000-deadbeef\"}").post("/models/rollback").then().statusCode(404)
                .contentType(PROBLEM);

        String rejected = register(6);
        registry.reject(rejected, "failed the fairness gate");
        admin("ops").body("{\"reason\":\"x\"}").post("/models/" + rejected + "/promote").then().statusCode(409)
                .contentType(PROBLEM).body("detail", equalTo("version " + rejected + " is rejected: failed the fairness gate"));

        String unloadable = registry.register("not a model file".getBytes(), Map.of(), Map.of(), Map.of()).version();
        admin("ops").body("{\"reason\":\"x\"}").post("/models/" + unloadable + "/promote").then().statusCode(409)
                .contentType(PROBLEM).body("detail", startsWith("version " + unloadable + " cannot be loaded"));

        String candidate = register(7);
        admin("ops").body("{\"version\":\"" + candidate + "\"}").post("/models/rollback").then().statusCode(409)
                .contentType(PROBLEM).body("detail", containsString("was never in production"));
        admin("ops").body("{\"version\":\"" + production + "\"}").post("/models/rollback").then().statusCode(409)
                .body("detail", containsString("is in production already"));

        // a version that was in production before is released again by a rollback, not a promote
        admin("ops").body("{\"reason\":\"y\"}").post("/models/" + candidate + "/promote").then().statusCode(200);
        admin("ops").body("{\"reason\":\"z\"}").post("/models/" + production + "/promote").then().statusCode(409)
                .body("detail", containsString("roll back to it"));
        assertThat(registry.productionVersion()).contains(candidate);
    }

    @Test
    void badBodiesAndCallerNamesAre400() {
        String v = register(8);
        admin("ops").post("/models/" + v + "/promote").then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("'reason' is required"));
        admin("ops").body("{not json").post("/models/" + v + "/promote").then().statusCode(400)
                .body("detail", startsWith("body must be a JSON object"));
        admin("ops").body("{\"reason\":\"x\",\"force\":\"yes\"}").post("/models/" + v + "/promote").then().statusCode(400)
                .body("detail", equalTo("unknown field 'force' (known: experimentId, reason)"));
        admin("ops").body("{\"reason\":42}").post("/models/" + v + "/promote").then().statusCode(400)
                .body("detail", equalTo("'reason' must be a string"));
        admin("ops; DROP").body("{\"reason\":\"x\"}").post("/models/" + v + "/promote").then().statusCode(400)
                .body("detail", startsWith("X-Requested-By must be"));
        admin("ops").get("/models?limit=0").then().statusCode(400).contentType(PROBLEM);
        assertThat(registry.get(v).orElseThrow().status().wireName()).isEqualTo("candidate");
    }

    private RequestSpecification admin(String requestedBy) {
        return given().header("Authorization", TOKEN).header("X-Requested-By", requestedBy).contentType("application/json");
    }

    /** Registers a small loadable model (random parameters from {@code seed}). */
    private String register(long seed) {
        Random rnd = new Random(seed);
        int users = 5;
        int items = 7;
        int k = 3;
        SvdModel model = new SvdModel(IdIndex.of(List.of("1", "2", "3", "4", "5")),
                IdIndex.of(List.of("a+1", "b+2", "c+3", "d+4", "e+5", "f+6", "g+7")), k, 3.5f,
                gaussian(rnd, users), gaussian(rnd, items), gaussian(rnd, users * k), gaussian(rnd, items * k),
                RatingScale.ONE_TO_FIVE, Map.of("factors", "3"), Map.of("seed", Long.toString(seed)));
        try {
            return registry.register(model, Map.of("rmse", 0.9), Map.of("test", "ReleasesTest")).version();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static float[] gaussian(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rnd.nextGaussian() * 0.1);
        }
        return a;
    }
}
