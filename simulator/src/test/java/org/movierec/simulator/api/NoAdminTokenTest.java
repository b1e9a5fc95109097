package org.movierec.simulator.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.simulator.SimulatorTestResource;
import org.movierec.testkit.KafkaTestResource;

/** Without a configured token the admin endpoints answer 503 with the reason; the status still answers. */
@QuarkusTest
@TestProfile(NoAdminTokenTest.NoToken.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class NoAdminTokenTest {

    public static class NoToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("simulator.admin-token", "", "simulator.users", "300", "simulator.movies", "200",
                    "simulator.bootstrap.ratings", "1000");
        }
    }

    @Test
    void adminEndpointsAre503() {
        given().header("Authorization", "Bearer anything").post("/admin/bootstrap").then().statusCode(503)
                .body("detail", containsString("no admin token is configured"));
        given().header("Authorization", "Bearer anything").contentType(ContentType.JSON).body("{\"enabled\":true}")
                .post("/admin/traffic").then().statusCode(503).body("detail", containsString("no admin token"));
        given().post("/admin/bootstrap").then().statusCode(503);
        given().get("/admin/status").then().statusCode(200);
        given().get("/users?limit=10000").then().statusCode(200).header("X-Total-Count", "300");
    }
}
