package org.movierec.simulator.bootstrap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.movierec.contracts.events.CreateAccountEvent;
import org.movierec.contracts.events.MovieEvent;
import org.movierec.contracts.events.MovielogParser;
import org.movierec.contracts.events.ParseResult;
import org.movierec.contracts.events.RateEvent;
import org.movierec.contracts.events.WatchEvent;
import org.movierec.simulator.SimulatorTestResource;
import org.movierec.simulator.TopicReader;
import org.movierec.testkit.KafkaTestResource;

/** The bootstrap history through the real broker: the configured ratings, in time order, over the configured days, once. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class BootstrapTest {

    static final String TOKEN = "Bearer test-only-admin-token";

    @Test
    void writesTheHistoryOnceInTimeOrderOverTheConfiguredDays() {
        given().get("/admin/status").then().statusCode(200).body("bootstrap.state", equalTo("not_started"));
        List<ConsumerRecord<String, String>> records;
        JsonPath done;
        LocalDateTime before = LocalDateTime.now(ZoneOffset.UTC);
        try (TopicReader reader = new TopicReader()) {
            reader.mark();
            done = given().header("Authorization", TOKEN).post("/admin/bootstrap").then().statusCode(200)
                    .body("state", equalTo("done")).body("ratings", equalTo(30_000))
                    .extract().jsonPath();
            records = reader.recordsSinceMark();
        }
        assertThat(records).hasSize(done.getInt("lines"));
        System.out.printf("bootstrap: %d lines in %.2f s (%.0f lines/s)%n", done.getLong("lines"), done.getDouble("seconds"),
                done.getLong("lines") / done.getDouble("seconds"));

        MovielogParser parser = new MovielogParser();
        Map<Integer, LocalDateTime> lastByPartition = new HashMap<>();
        List<RateEvent> rates = new ArrayList<>();
        Set<Long> users = new HashSet<>();
        Set<String> movies = new HashSet<>();
        int watches = 0;
        int accounts = 0;
        for (ConsumerRecord<String, String> r : records) {
            ParseResult result = parser.parse(r.value());
            assertThat(result.isOk()).as(r.value()).isTrue();
            MovieEvent e = ((ParseResult.Ok) result).event();
            assertThat(r.key()).isEqualTo(Long.toString(e.userId()));
            assertThat(e.time().toInstant(ZoneOffset.UTC)).as("time of %s, sent at %d ms", r.value(), r.timestamp())
                    .isBeforeOrEqualTo(java.time.Instant.ofEpochMilli(r.timestamp()));
            LocalDateTime last = lastByPartition.put(r.partition(), e.time());
            if (last != null) {
                assertThat(e.time()).as("time order").isAfterOrEqualTo(last);
            }
            if (e instanceof RateEvent rate) {
                rates.add(rate);
                users.add(rate.userId());
                movies.add(rate.movieId());
            } else if (e instanceof WatchEvent) {
                watches++;
            } else if (e instanceof CreateAccountEvent) {
                accounts++;
            }
        }
        assertThat(rates).hasSize(30_000);
        assertThat(watches).isGreaterThanOrEqualTo(30_000);
        assertThat(accounts).isPositive();
        assertThat(done.getInt("users")).isEqualTo(users.size());
        assertThat(done.getInt("movies")).isEqualTo(movies.size());

        LocalDateTime first = rates.stream().map(RateEvent::time).min(Comparator.naturalOrder()).orElseThrow();
        LocalDateTime lastRating = rates.stream().map(RateEvent::time).max(Comparator.naturalOrder()).orElseThrow();
        assertThat(Duration.between(first, lastRating).toDays()).isBetween(19L, 21L);
        assertThat(first).isAfterOrEqualTo(before.minusDays(21).minusMinutes(1));
        assertThat(lastRating).isBeforeOrEqualTo(LocalDateTime.now(ZoneOffset.UTC));

        // recorded in the data directory
        Path dataDir = Path.of(ConfigProvider.getConfig().getValue("simulator.data-dir", String.class));
        assertThat(Files.exists(dataDir.resolve(BootstrapMarker.FILE))).isTrue();
        assertThat(new BootstrapMarker(dataDir).read()).hasValueSatisfying(s -> {
            assertThat(s.lines()).isEqualTo(done.getLong("lines"));
            assertThat(s.ratings()).isEqualTo(30_000);
        });

        // a second call writes nothing and answers the recorded figures
        try (TopicReader reader = new TopicReader()) {
            reader.mark();
            given().header("Authorization", TOKEN).post("/admin/bootstrap").then().statusCode(200)
                    .body("state", equalTo("done"))
                    .body("lines", equalTo(done.getInt("lines")))
                    .body("ratings", equalTo(30_000))
                    .body("users", equalTo(done.getInt("users")))
                    .body("movies", equalTo(done.getInt("movies")));
            assertThat(reader.recordsSinceMark()).isEmpty();
        }
        given().get("/admin/status").then().statusCode(200)
                .body("bootstrap.state", equalTo("done"))
                .body("bootstrap.lines", equalTo(done.getInt("lines")));
    }
}
