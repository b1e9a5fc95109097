package org.movierec.inference;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a loadable model the service is alive but not ready, and /recommend says why. */
@QuarkusTest
@TestProfile(NotReadyWithoutAModelTest.MissingFile.class)
class NotReadyWithoutAModelTest {

    public static class MissingFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inference.model-file", "/nonexistent/model.bin");
        }
    }

    @Test
    void aliveButNotReady() {
        given().header("Authorization", InferenceServiceTest.TOKEN).post("/admin/reload").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(503);
        given().get("/recommend/7").then().statusCode(503).body("detail", containsString("no model"));
        given().get("/recommend/abc").then().statusCode(400);
    }
}
