package org.movierec.simulator.bootstrap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.movierec.simulator.SimulatorTestResource;
import org.movierec.testkit.KafkaTestResource;

/** With {@code simulator.bootstrap.at-startup=true} the history is written in the background as the simulator starts. */
@QuarkusTest
@TestProfile(BootstrapAtStartupTest.AtStartup.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class BootstrapAtStartupTest {

    public static class AtStartup implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("simulator.bootstrap.at-startup", "true", "simulator.users", "300", "simulator.movies", "200",
                    "simulator.bootstrap.ratings", "3000", "simulator.bootstrap.days", "7",
                    "simulator.kafka.topic", "movielog.at-startup");
        }
    }

    @Test
    void theHistoryIsWrittenOnStart() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(given().get("/admin/status").then().statusCode(200).extract().jsonPath()
                        .getString("bootstrap.state")).as("bootstrap state").isIn("done", "failed"));
        given().get("/admin/status").then().body("bootstrap.state", equalTo("done"))
                .body("bootstrap.ratings", equalTo(3000)).body("bootstrap.users", equalTo(300));
        Path dataDir = Path.of(ConfigProvider.getConfig().getValue("simulator.data-dir", String.class));
        assertThat(new BootstrapMarker(dataDir).read()).hasValueSatisfying(s -> assertThat(s.ratings()).isEqualTo(3000));
    }
}
