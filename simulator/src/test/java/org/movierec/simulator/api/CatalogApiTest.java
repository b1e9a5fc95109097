package org.movierec.simulator.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.core.generate.SyntheticUser;
import org.movierec.simulator.SimulatorTestResource;
import org.movierec.simulator.catalog.Movie;
import org.movierec.simulator.catalog.World;
import org.movierec.simulator.catalog.WorldSpec;
import org.movierec.testkit.KafkaTestResource;

/** The user and movie API: single objects, bulk pages with X-Total-Count, 400 and 404 with reasons. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class CatalogApiTest {

    @Inject
    World world;

    @Test
    void userJson() {
        SyntheticUser u = world.user(41);
        given().get("/user/42").then().statusCode(200)
                .contentType(containsString("application/json"))
                .body("user_id", equalTo(42))
                .body("age", equalTo(u.age()))
                .body("occupation", equalTo(u.occupation()))
                .body("gender", equalTo(u.gender()))
                .body("size()", equalTo(4));
    }

    @Test
    void movieJson() {
        Movie m = world.movie(7);
        JsonPath json = given().get("/movie/" + m.id()).then().statusCode(200).extract().jsonPath();
        assertThat(json.getString("movie_id")).isEqualTo(m.id()).matches("[a-z0-9+]+\\+\\d{4}");
        assertThat(json.getString("title")).isEqualTo(m.title());
        assertThat(json.getList("genres", String.class)).isEqualTo(m.genres());
        assertThat(json.getString("release_date")).isEqualTo(m.releaseDate().toString()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(json.getDouble("popularity")).isEqualTo(m.popularity());
        assertThat(json.getDouble("vote_average")).isEqualTo(m.voteAverage());
        assertThat(json.getInt("vote_count")).isEqualTo(m.voteCount());
        assertThat(json.getInt("runtime")).isEqualTo(m.runtime());
        assertThat(json.getString("original_language")).isEqualTo(m.originalLanguage());
        assertThat(json.getMap("")).containsOnlyKeys("movie_id", "title", "genres", "release_date", "popularity",
                "vote_average", "vote_count", "runtime", "original_language");
    }

    @Test
    void theWorldIsTheConfiguredSeedsWorld() {
        World again = World.build(new WorldSpec(42, 6040, 3706, 0.85, 30_000, 21));
        assertThat(world.userCount()).isEqualTo(6040);
        assertThat(world.movieCount()).isEqualTo(3706);
        assertThat(world.movies()).isEqualTo(again.movies());
        String id = again.movie(100).id();
        given().get("/movie/" + id).then().statusCode(200).body("title", equalTo(again.movie(100).title()));
    }

    @Test
    void bulkPages() {
        List<Map<String, Object>> first = given().get("/users?offset=0&limit=1000").then().statusCode(200)
                .header("X-Total-Count", "6040").body("$", hasSize(1000)).extract().jsonPath().getList("$");
        assertThat(first.get(0)).containsEntry("user_id", 1);
        assertThat(first.get(999)).containsEntry("user_id", 1000);
        given().get("/users?offset=6000&limit=1000").then().statusCode(200)
                .header("X-Total-Count", "6040").body("$", hasSize(40)).body("[39].user_id", equalTo(6040));
        given().get("/users?offset=7000&limit=10").then().statusCode(200).body("$", hasSize(0));
        given().get("/users").then().statusCode(200).body("$", hasSize(1000));

        given().get("/movies?offset=3700&limit=10000").then().statusCode(200)
                .header("X-Total-Count", "3706").body("$", hasSize(6))
                .body("[5].movie_id", equalTo(world.movie(3705).id()))
                .body("[0].vote_count", notNullValue());
        // paging through every movie gives each once
        int seen = 0;
        for (int offset = 0; offset < 3706; offset += 1000) {
            seen += given().get("/movies?offset=" + offset + "&limit=1000").then().statusCode(200)
                    .extract().jsonPath().getList("$").size();
        }
        assertThat(seen).isEqualTo(3706);
    }

    @Test
    void badRequestsAre400WithAReason() {
        for (String bad : List.of("abc", "0", "-3", "007", "7.5", "1234567890123456789")) {
            given().get("/user/" + bad).then().statusCode(400).body("detail", containsString("userId"));
        }
        given().get("/movie/The%20Matrix").then().statusCode(400).body("detail", containsString("movie id"));
        given().get("/movie/" + "a".repeat(300)).then().statusCode(400).body("detail", containsString("longer than"));
        for (String query : List.of("limit=0", "limit=10001", "limit=abc", "offset=-1", "offset=x", "limit=1.5")) {
            given().get("/users?" + query).then().statusCode(400).body("detail", notNullValue());
            given().get("/movies?" + query).then().statusCode(400).body("detail", notNullValue());
        }
        given().get("/users?limit=0").then().body("detail", equalTo("limit must be in 1..10000, got 0"));
    }

    @Test
    void unknownIdsAre404WithAReason() {
        given().get("/user/6041").then().statusCode(404).body("detail", containsString("unknown user 6041"));
        given().get("/user/999999999").then().statusCode(404);
        given().get("/movie/no+such+movie+1999").then().statusCode(404).body("detail", containsString("unknown movie"));
    }

    @Test
    void readyAndMetrics() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("simulator"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/user/1").then().statusCode(200);
        // request latency as a histogram with the fixed buckets the alert rules use (250 ms is one)
        given().get("/q/metrics").then().statusCode(200).body(containsString("simulator_lines_total"))
                .body(containsString("simulator_sessions_total"))
                .body(containsString("http_server_requests_seconds_bucket{"))
                .body(containsString("le=\"0.25\""));
    }
}
