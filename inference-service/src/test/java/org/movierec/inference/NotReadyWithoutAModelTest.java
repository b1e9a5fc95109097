package org.movierec.inference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.movierec.testkit.RawHttp;

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

    @Test
    void aRequestWithoutHostIs400WithoutAnErrorLine() throws IOException {
        RawHttp.EdgeAnswer answer = RawHttp.withoutHost(port());
        assertThat(answer.text()).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json");
        assertThat(answer.errorLines()).as("ERROR log lines").isEmpty();
    }

    @Test
    void unknownMethodNamesShareOneMetricLabel() throws IOException {
        // /q/ endpoints are not timed (Quarkus' default): an application path is
        RawHttp.send(port(), "FOO /recommend/7 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        RawHttp.send(port(), "PROPFIND /recommend/7 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("method=\"OTHER\"").doesNotContain("method=\"FOO\"")
                .doesNotContain("method=\"PROPFIND\"");
    }

    @Test
    void anAdminBodyOverTheLimitIs413() {
        given().header("Authorization", InferenceServiceTest.TOKEN).body("x".repeat(70_000)).post("/admin/reload")
                .then().statusCode(413).contentType("application/problem+json");
    }

    private static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }
}
