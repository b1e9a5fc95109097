package org.movierec.router;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.movierec.testkit.KafkaTestResource;
import org.movierec.testkit.MongoTestResource;
import org.movierec.testkit.PostgresTestResource;
import org.movierec.testkit.RawHttp;

/**
 * The router's HTTP edge from outside: every error is {@code application/problem+json}, a huge invalid body gets a
 * small answer, an oversized body a 413, a request without {@code Host} a 400 without an ERROR line, and an unknown
 * method name no new metric label.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeInference.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SlackTestResource.class, restrictToAnnotatedClass = false)
class HttpEdgeTest {

    static final String PROBLEM = "application/problem+json";

    @Test
    void aBodyOfManyUnknownKeysGetsASmallAnswerListingTwentyProblems() {
        StringBuilder body = new StringBuilder("{");
        for (int i = 0; i < 40_000; i++) {
            body.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        body.append('}');
        assertThat(body.length()).isGreaterThan(400_000);

        String answer = given().header("Authorization", RouterServiceTest.TOKEN).contentType(ContentType.JSON)
                .body(body.toString()).post("/experiments")
                .then().statusCode(400).contentType(PROBLEM)
                .body("status", equalTo(400)).body("title", equalTo("Bad Request"))
                .body("problems", hasSize(20)).body("problems[0]", startsWith("unknown field"))
                .extract().asString();
        assertThat(answer.length()).isLessThan(5_000);
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String huge = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";

        given().header("Authorization", RouterServiceTest.TOKEN).contentType(ContentType.JSON).body(huge)
                .post("/experiments").then().statusCode(413).contentType(PROBLEM).body("status", equalTo(413));
    }

    @Test
    void errorsOfTheAdminApiAndOfRecommendAreProblems() {
        given().get("/experiments/no-such-one").then().statusCode(404).contentType(PROBLEM)
                .body("detail", startsWith("no experiment"));
        given().get("/recommend/42;x=1").then().statusCode(400).contentType(PROBLEM)
                .body("instance", startsWith("/recommend/42"));
        given().post("/experiments").then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void aRequestWithoutHostIs400WithoutAnErrorLine() throws IOException {
        RawHttp.EdgeAnswer answer = RawHttp.withoutHost(port());
        assertThat(answer.text()).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: " + PROBLEM);
        assertThat(answer.errorLines()).as("ERROR log lines").isEmpty();
    }

    @Test
    void unknownMethodNamesShareOneMetricLabel() throws IOException {
        // /q/ endpoints are not timed (Quarkus' default): an application path is
        assertThat(raw("FOO /experiments HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 405");
        raw("PROPFIND /experiments HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("method=\"OTHER\"").doesNotContain("method=\"FOO\"")
                .doesNotContain("method=\"PROPFIND\"");
    }

    private static String raw(String request) throws IOException {
        return RawHttp.send(port(), request);
    }

    private static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }
}
