package org.movierec.telemetry.activity;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.movierec.contracts.events.RateEvent;
import org.movierec.contracts.events.ServedEvent;
import org.movierec.contracts.events.WatchEvent;
import org.movierec.telemetry.TestSupport;
import org.movierec.testkit.KafkaTestResource;
import org.movierec.testkit.MongoTestResource;
import org.movierec.testkit.PostgresTestResource;

/**
 * {@code GET /users/{userId}/activity} on what the collector stored from real lines and served events: the user's
 * watch sessions, ratings and served lists (with the watch-through mark), newest first, nobody else's; bad input is
 * 400 problem+json.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
class UserActivityTest {

    private static final long USER = 880_001;
    private static final List<String> TOPICS = List.of("movielog", "recsys.served");
    private static TestSupport.Clients clients;

    @BeforeAll
    static void connect() {
        clients = TestSupport.Clients.open();
    }

    @AfterAll
    static void close() throws Exception {
        clients.close();
    }

    @Test
    void activityIsTheUsersStoredRowsNewestFirst() {
        TestSupport.await("collector ready", Duration.ofSeconds(60), () -> given().get("/q/health/ready").statusCode() == 200);
        LocalDateTime t = LocalDateTime.now(ZoneOffset.UTC).minusMinutes(10).truncatedTo(ChronoUnit.SECONDS);
        Instant served = t.toInstant(ZoneOffset.UTC);
        send("recsys.served", new ServedEvent(served, "activity-r1", USER, null, null, "v1",
                List.of("movie+a+2001", "movie+b+2002"), 3.0, 200, false).toJson());
        send("recsys.served", new ServedEvent(served, "activity-other", USER + 1, null, null, "v1",
                List.of("movie+a+2001"), 3.0, 200, false).toJson());
        for (int minute = 0; minute < 3; minute++) {
            send("movielog", new WatchEvent(t.plusMinutes(1 + minute), USER, "movie+a+2001", minute).toLine());
        }
        send("movielog", new RateEvent(t.plusMinutes(5), USER, "movie+a+2001", 4).toLine());
        send("movielog", new RateEvent(t.plusMinutes(6), USER, "movie+b+2002", 2).toLine());
        Map<TopicPartition, Long> ends = TestSupport.endOffsets(clients.offsets(), TOPICS);
        TestSupport.await("stored", Duration.ofSeconds(60), () -> TestSupport.caughtUp(clients.db(), "telemetry-collector", ends));
        TestSupport.await("watch-through marked", Duration.ofSeconds(60), () -> given().get("/users/" + USER + "/activity")
                .jsonPath().getString("servedLists[0].watchedMovie") != null);

        JsonPath a = given().get("/users/" + USER + "/activity").then().statusCode(200)
                .contentType(containsString("application/json")).extract().jsonPath();
        assertThat(a.getLong("userId")).isEqualTo(USER);
        assertThat(a.getList("watches.movieId")).containsExactly("movie+a+2001");
        assertThat(a.getInt("watches[0].minutesWatched")).isEqualTo(3);
        assertThat(a.getInt("watches[0].maxMinute")).isEqualTo(2);
        assertThat(a.getList("ratings.movieId")).containsExactly("movie+b+2002", "movie+a+2001");
        assertThat(a.getList("ratings.rating", Integer.class)).containsExactly(2, 4);
        assertThat(a.getString("ratings[0].ratedAt")).isEqualTo(t.plusMinutes(6).toInstant(ZoneOffset.UTC).toString());
        assertThat(a.getList("servedLists.requestId")).containsExactly("activity-r1");
        assertThat(a.getList("servedLists[0].items")).containsExactly("movie+a+2001", "movie+b+2002");
        assertThat(a.getString("servedLists[0].watchedMovie")).isEqualTo("movie+a+2001");
        assertThat(a.getString("servedLists[0].modelVersion")).isEqualTo("v1");

        assertThat(given().get("/users/" + USER + "/activity?limit=1").jsonPath().getList("ratings")).hasSize(1);
        given().get("/users/880999/activity").then().statusCode(200).body("watches.size()", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void badInputIsAProblem() {
        for (String path : List.of("/users/abc/activity", "/users/0/activity", "/users/1/activity?limit=0",
                "/users/1/activity?limit=501", "/users/1/activity?limit=x")) {
            given().get(path).then().statusCode(400).contentType(containsString("application/problem+json"));
        }
    }

    private static void send(String topic, String value) {
        TestSupport.send(clients.producer(), topic, value.getBytes(UTF_8));
    }
}
