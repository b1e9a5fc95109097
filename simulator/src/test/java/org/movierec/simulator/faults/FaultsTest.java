package org.movierec.simulator.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.movierec.contracts.events.MovielogParser;
import org.movierec.contracts.events.ParseResult;
import org.movierec.contracts.events.RateEvent;
import org.movierec.contracts.events.RejectReason;
import org.movierec.simulator.RouterStandIn;
import org.movierec.simulator.SimulatorTestResource;
import org.movierec.simulator.TopicReader;
import org.movierec.simulator.catalog.World;
import org.movierec.simulator.movielog.MovielogWriter;
import org.movierec.simulator.traffic.TrafficGenerator;
import org.movierec.testkit.KafkaTestResource;

/** With fault rates configured, the live stream on Kafka carries garbage, duplicates, out-of-range ratings and bursts. */
@QuarkusTest
@TestProfile(FaultsTest.WithFaults.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class FaultsTest {

    public static class WithFaults implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("simulator.faults.garbage-rate", "0.05",
                    "simulator.faults.duplicate-rate", "0.04",
                    "simulator.faults.out-of-range-rate", "0.3",
                    "simulator.faults.burst-every", "1s",
                    "simulator.faults.burst-size", "30",
                    "simulator.kafka.topic", "movielog.faults",
                    "simulator.bootstrap.ratings", "10000");
        }
    }

    static RouterStandIn router;

    @Inject
    TrafficGenerator traffic;

    @Inject
    MovielogWriter writer;

    @Inject
    World world;

    @Inject
    MeterRegistry registry;

    @AfterAll
    static void stopRouter() {
        if (router != null) {
            router.close();
        }
    }

    @Test
    void faultsAppearAtAboutTheirRatesAndAreRejectedForTheExpectedReasons() throws Exception {
        router = RouterStandIn.atConfiguredUrl();
        // the users' favourite kind of list: many watches, so many lines and ratings
        List<String> list = IntStream.range(0, world.movieCount()).boxed()
                .sorted((a, b) -> Float.compare(world.data().trueModel().itemBias()[b], world.data().trueModel().itemBias()[a]))
                .limit(20).map(m -> world.movie(m).id()).toList();
        router.answer(user -> list);
        List<ConsumerRecord<String, String>> records;
        double garbageBefore = registry.counter("simulator.faults", "kind", "garbage").count();
        double outOfRangeBefore = registry.counter("simulator.faults", "kind", "out_of_range").count();
        try (TopicReader reader = new TopicReader()) {
            reader.mark();
            for (int k = 0; k < 12; k++) {
                traffic.runSessions(50).get(60, TimeUnit.SECONDS);
            }
            writer.flush();
            records = reader.recordsSinceMark();
        }

        MovielogParser parser = new MovielogParser();
        Map<String, Integer> rejected = new TreeMap<>();
        int valid = 0;
        int rates = 0;
        int duplicates = 0;
        String previous = null;
        for (ConsumerRecord<String, String> r : records) {
            String line = r.value();
            ParseResult result = parser.parse(line);
            if (line.equals(previous)) {
                duplicates++;
            } else if (result instanceof ParseResult.Rejected rej) {
                rejected.merge(rej.reason(), 1, Integer::sum);
            } else {
                valid++;
                if (((ParseResult.Ok) result).event() instanceof RateEvent) {
                    rates++;
                }
            }
            previous = line;
        }
        int outOfRange = rejected.getOrDefault(RejectReason.RATING_OUT_OF_RANGE, 0);
        int garbage = rejected.getOrDefault(RejectReason.TRUNCATED, 0) + rejected.getOrDefault(RejectReason.UNKNOWN_VERB, 0)
                + rejected.getOrDefault(RejectReason.TOO_LONG, 0);
        int written = valid + outOfRange; // lines before duplicates and garbage were added
        System.out.printf("faults: %d lines written, %d duplicates, rejected %s%n", written, duplicates, rejected);

        assertThat(rejected.keySet()).containsOnly(RejectReason.TRUNCATED, RejectReason.UNKNOWN_VERB, RejectReason.TOO_LONG,
                RejectReason.RATING_OUT_OF_RANGE);
        assertThat(rejected).containsKeys(RejectReason.TRUNCATED, RejectReason.UNKNOWN_VERB, RejectReason.TOO_LONG);
        assertThat(written).isGreaterThan(5_000);
        assertThat(garbage / (double) written).isBetween(0.035, 0.065);
        assertThat(duplicates / (double) written).isBetween(0.025, 0.055);
        assertThat(outOfRange / (double) (rates + outOfRange)).isBetween(0.15, 0.45);
        assertThat(registry.counter("simulator.faults", "kind", "garbage").count() - garbageBefore).isEqualTo(garbage);
        assertThat(registry.counter("simulator.faults", "kind", "out_of_range").count() - outOfRangeBefore).isEqualTo(outOfRange);
    }

    @Test
    void burstsOpenExtraSessionsWhileTrafficIsOn() {
        double bursts = registry.counter("simulator.faults", "kind", "burst").count();
        long sessions = traffic.stats().sessions();
        String token = "Bearer test-only-admin-token";
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body("{\"enabled\":true,\"sessionsPerSecond\":0.001}").post("/admin/traffic").then().statusCode(200);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .untilAsserted(() -> assertThat(registry.counter("simulator.faults", "kind", "burst").count())
                            .as("bursts").isGreaterThanOrEqualTo(bursts + 1));
        } finally {
            given().header("Authorization", token).contentType(ContentType.JSON)
                    .body("{\"enabled\":false}").post("/admin/traffic").then().statusCode(200);
        }
        // each burst opened 30 sessions (the rate alone would open none in this time)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(traffic.stats().sessions() + traffic.stats().skippedSessions())
                        .as("sessions played or skipped").isGreaterThanOrEqualTo(sessions + 30));
        assertThat(traffic.stats().sessions()).isGreaterThanOrEqualTo(sessions + 30);
    }
}
