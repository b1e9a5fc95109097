package org.movierec.simulator.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.movierec.simulator.SimulatorTestResource;
import org.movierec.testkit.KafkaTestResource;
import org.movierec.testkit.RawHttp;

/** Admin endpoints need the bearer token; the status does not. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class AdminAuthTest {

    @Test
    void withoutOrWithAWrongTokenIs401() {
        given().post("/admin/bootstrap").then().statusCode(401).body("detail", equalTo("missing bearer token"));
        given().header("Authorization", "Bearer nope").post("/admin/bootstrap").then().statusCode(401)
                .body("detail", equalTo("wrong bearer token"));
        given().header("Authorization", "Basic dGVzdA==").post("/admin/bootstrap").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"enabled\":true}").post("/admin/traffic").then().statusCode(401)
                .body("detail", equalTo("missing bearer token"));
        given().header("Authorization", "Bearer test-only-admin-tokenX").contentType(ContentType.JSON)
                .body("{\"enabled\":true}").post("/admin/traffic").then().statusCode(401);
        given().get("/admin/status").then().statusCode(200).body("traffic.enabled", equalTo(false))
                .body("bootstrap.state", notNullValue());
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
