package org.movierec.simulator.viewer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.movierec.contracts.events.CreateAccountEvent;
import org.movierec.contracts.events.MovieEvent;
import org.movierec.contracts.events.MovielogParser;
import org.movierec.contracts.events.ParseResult;
import org.movierec.contracts.events.RateEvent;
import org.movierec.contracts.events.RecommendationRequestEvent;
import org.movierec.contracts.events.WatchEvent;
import org.movierec.simulator.RouterStandIn;
import org.movierec.simulator.SimulatorTestResource;
import org.movierec.simulator.TopicReader;
import org.movierec.simulator.catalog.Movie;
import org.movierec.simulator.catalog.World;
import org.movierec.simulator.movielog.MovielogWriter;
import org.movierec.testkit.KafkaTestResource;

/**
 * The viewer's app against the running simulator, a real Kafka broker and stand-ins for the router, inference and
 * the collector: the page, account creation, the list through the router with its serving headers, watches and
 * ratings as lines the platform's parser accepts, explanations and activity, and every kind of bad input refused
 * with a 4xx problem+json.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ViewerTestResource.class, restrictToAnnotatedClass = false)
class ViewerAppTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    World world;

    @Inject
    MovielogWriter writer;

    private final MovielogParser parser = new MovielogParser();

    @Test
    void pageOffersTheUserApisDemographicsAndLoadsItsScript() {
        String page = given().get("/").then().statusCode(200).contentType(containsString("text/html")).extract().asString();
        assertThat(page).contains("<label for=\"user-id\">", "<label for=\"occupation\">", "value=\"programmer\"",
                "value=\"56\"", "/viewer/app.js", "name=\"viewport\"");
        given().get("/viewer/app.js").then().statusCode(200);
        given().get("/viewer/app.css").then().statusCode(200);
    }

    @Test
    void createdAccountIsAUserOfTheApiAndLogsItsCreation() {
        int before = Integer.parseInt(given().get("/users?limit=1").then().statusCode(200).extract().header("X-Total-Count"));
        List<MovieEvent> events = linesOf(() -> {
            JsonPath user = given().body("{\"age\":35,\"gender\":\"F\",\"occupation\":\"scientist\"}").post("/user")
                    .then().statusCode(201).header("Location", containsString("/user/" + (before + 1))).extract().jsonPath();
            assertThat(user.getLong("user_id")).isEqualTo(before + 1L);
            assertThat(user.getString("occupation")).isEqualTo("scientist");
        });
        long id = before + 1L;
        given().get("/user/" + id).then().statusCode(200).body("age", org.hamcrest.Matchers.equalTo(35))
                .body("gender", org.hamcrest.Matchers.equalTo("F"));
        given().get("/users?offset=" + before + "&limit=5").then().statusCode(200).header("X-Total-Count", String.valueOf(id))
                .body("[0].user_id", org.hamcrest.Matchers.equalTo((int) id));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(CreateAccountEvent.class,
                a -> assertThat(a.userId()).isEqualTo(id)));
    }

    @Test
    void badAccountsAreRefusedWithProblems() {
        for (String body : List.of("", "[]", "{\"age\":33,\"gender\":\"F\",\"occupation\":\"scientist\"}",
                "{\"age\":25,\"gender\":\"X\",\"occupation\":\"scientist\"}",
                "{\"age\":25,\"gender\":\"F\",\"occupation\":\"astronaut\"}",
                "{\"age\":\"25\",\"gender\":\"F\",\"occupation\":\"scientist\"}",
                "{\"age\":25,\"gender\":\"F\",\"occupation\":\"scientist\",\"zip\":\"1\"}",
                "{\"age\":25,\"gender\":\"F\",\"occupation\":\"scientist\"} {}")) {
            given().body(body).post("/user").then().statusCode(400).contentType(containsString(PROBLEM))
                    .body("detail", org.hamcrest.Matchers.notNullValue());
        }
    }

    @Test
    void listComesThroughTheRouterWithHowItWasServedAndIsLogged() {
        List<String> ids = List.of(world.movie(3).id(), "no+such+movie+1999", world.movie(0).id());
        try (RouterStandIn router = RouterStandIn.atConfiguredUrl()) {
            router.answer(user -> ids);
            List<MovieEvent> events = linesOf(() -> {
                JsonPath list = given().get("/viewer/api/users/7/recommendations").then().statusCode(200).extract().jsonPath();
                assertThat(list.getInt("status")).isEqualTo(200);
                assertThat(list.getList("cards.movieId")).containsExactly(world.movie(3).id(), world.movie(0).id());
                Movie m = world.movie(3);
                assertThat(list.getString("cards[0].title")).isEqualTo(m.title());
                assertThat(list.getInt("cards[0].year")).isEqualTo(m.releaseDate().getYear());
                assertThat(list.getList("cards[0].genres")).isEqualTo(m.genres());
                assertThat(list.getDouble("cards[0].popularity")).isEqualTo(m.popularity());
            });
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(RecommendationRequestEvent.class,
                    r -> assertThat(r.userId()).isEqualTo(7)));
        }
    }

    @Test
    void routerDownIsAListWithTheError() {
        given().get("/viewer/api/users/8/recommendations").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo(0))
                .body("error", containsString("Connection refused"))
                .body("cards", org.hamcrest.Matchers.empty());
    }

    @Test
    void watchAndRatingAreLinesInTheRobotsGrammar() {
        Movie m = world.movie(5);
        List<MovieEvent> events = linesOf(() -> {
            given().body("{\"movieId\":\"" + m.id() + "\",\"minutes\":3}").post("/viewer/api/users/9/watches")
                    .then().statusCode(202).body("minutes", org.hamcrest.Matchers.equalTo(3));
            given().body("{\"movieId\":\"" + m.id() + "\",\"rating\":4}").post("/viewer/api/users/9/ratings")
                    .then().statusCode(202);
        });
        assertThat(events).filteredOn(e -> e instanceof WatchEvent).extracting(e -> ((WatchEvent) e).minute())
                .containsExactly(0, 1, 2);
        assertThat(events).filteredOn(e -> e instanceof RateEvent).singleElement()
                .isEqualTo(new RateEvent(((RateEvent) events.get(events.size() - 1)).time(), 9, m.id(), 4));
        List<MovieEvent> whole = linesOf(() -> given().body("{\"movieId\":\"" + m.id() + "\"}")
                .post("/viewer/api/users/9/watches").then().statusCode(202));
        assertThat(whole).hasSize(m.runtime());
    }

    @Test
    void badWatchesAndRatingsAreRefusedWithProblems() {
        String movie = world.movie(5).id();
        int runtime = world.movie(5).runtime();
        record Bad(String path, String body, int status) {
        }
        for (Bad bad : List.of(
                new Bad("/viewer/api/users/abc/ratings", "{\"movieId\":\"" + movie + "\",\"rating\":4}", 400),
                new Bad("/viewer/api/users/0/ratings", "{\"movieId\":\"" + movie + "\",\"rating\":4}", 400),
                new Bad("/viewer/api/users/999999999/ratings", "{\"movieId\":\"" + movie + "\",\"rating\":4}", 404),
                new Bad("/viewer/api/users/9/ratings", "{\"movieId\":\"" + movie + "\",\"rating\":6}", 400),
                new Bad("/viewer/api/users/9/ratings", "{\"movieId\":\"" + movie + "\",\"rating\":0}", 400),
                new Bad("/viewer/api/users/9/ratings", "{\"movieId\":\"" + movie + "\",\"rating\":3.5}", 400),
                new Bad("/viewer/api/users/9/ratings", "{\"movieId\":\"" + movie + "\",\"rating\":\"4\"}", 400),
                new Bad("/viewer/api/users/9/ratings", "{\"movieId\":\"" + movie + "\"}", 400),
                new Bad("/viewer/api/users/9/ratings", "{\"movieId\":\"NOT VALID\",\"rating\":4}", 400),
                new Bad("/viewer/api/users/9/ratings", "{\"movieId\":\"no+such+movie+1999\",\"rating\":4}", 404),
                new Bad("/viewer/api/users/9/ratings", "{\"movieId\":42,\"rating\":4}", 400),
                new Bad("/viewer/api/users/9/ratings", "{\"movieId\":\"" + movie + "\",\"rating\":4,\"x\":1}", 400),
                new Bad("/viewer/api/users/9/ratings", "not json", 400),
                new Bad("/viewer/api/users/9/watches", "{\"movieId\":\"" + movie + "\",\"minutes\":0}", 400),
                new Bad("/viewer/api/users/9/watches", "{\"movieId\":\"" + movie + "\",\"minutes\":" + (runtime + 1) + "}", 400),
                new Bad("/viewer/api/users/9/watches", "[]", 400))) {
            given().body(bad.body()).post(bad.path()).then().statusCode(bad.status()).contentType(containsString(PROBLEM));
        }
        given().get("/viewer/api/users/-1/recommendations").then().statusCode(400).contentType(containsString(PROBLEM));
        given().get("/viewer/api/users/9/explanations").then().statusCode(400).contentType(containsString(PROBLEM));
        given().get("/viewer/api/users/999999999/activity").then().statusCode(404).contentType(containsString(PROBLEM));
    }

    @Test
    void explanationAsksInferenceForTheServingVersionWithoutAnImpression() {
        Movie liked = world.movie(1);
        Movie recommended = world.movie(2);
        WireMockServer inference = ViewerTestResource.inference();
        inference.stubFor(get(urlPathEqualTo("/recommend/9")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"userId\":\"9\",\"modelVersion\":\"v7\",\"items\":[{\"movieId\":\"" + recommended.id()
                        + "\",\"score\":4.2,\"because\":[\"" + liked.id() + "\"]}],\"fallback\":false}")));
        JsonPath answer = given().get("/viewer/api/users/9/explanations?model=v7").then().statusCode(200).extract().jsonPath();
        assertThat(answer.getString("modelVersion")).isEqualTo("v7");
        assertThat(answer.getList("because.'" + recommended.id() + "'.title")).containsExactly(liked.title());
        inference.verify(getRequestedFor(urlPathEqualTo("/recommend/9")).withQueryParam("explain", equalTo("true"))
                .withQueryParam("model", equalTo("v7")).withHeader("X-Served-Event", equalTo("router")));
        inference.stubFor(get(urlPathEqualTo("/recommend/10")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", PROBLEM).withBody("{\"status\":404,\"detail\":\"model version 'v9' is not loaded here\"}")));
        given().get("/viewer/api/users/10/explanations?model=v9").then().statusCode(502).contentType(containsString(PROBLEM))
                .body("detail", containsString("not loaded"));
    }

    @Test
    void activityIsTheCollectorsRecordWithTitlesAndOutcomes() {
        Movie shownWatched = world.movie(10);
        Movie shownRated = world.movie(11);
        Movie other = world.movie(12);
        WireMockServer collector = ViewerTestResource.collector();
        collector.stubFor(get(urlPathEqualTo("/users/11/activity")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"userId":11,
                         "watches":[{"movieId":"%1$s","minutesWatched":%4$d,"maxMinute":%5$d,
                                     "firstAt":"2026-01-01T10:01:00Z","lastAt":"2026-01-01T12:00:00Z"}],
                         "ratings":[{"movieId":"%2$s","rating":2,"ratedAt":"2026-01-01T12:30:00Z"},
                                    {"movieId":"%3$s","rating":5,"ratedAt":"2026-01-01T09:00:00Z"}],
                         "servedLists":[{"requestId":"r1","servedAt":"2026-01-01T10:00:00Z","modelVersion":"v3",
                                         "experiment":"e1","arm":"b","fallback":false,
                                         "items":["%1$s","%2$s","%3$s"],"watchedMovie":"%1$s",
                                         "watchedAt":"2026-01-01T10:01:00Z"}],
                         "predictions":[{"movieId":"%2$s","rating":2,"predicted":3.5,"modelVersion":"v3",
                                         "experiment":"e1","arm":"b","time":"2026-01-01T12:30:00Z"},
                                        {"movieId":"%3$s","rating":5,"predicted":4.0,"modelVersion":"v3",
                                         "experiment":"e1","arm":"b","time":"2026-01-01T09:00:00Z"}]}
                        """.formatted(shownWatched.id(), shownRated.id(), other.id(), shownWatched.runtime(),
                        shownWatched.runtime() - 1))));
        JsonPath a = given().get("/viewer/api/users/11/activity").then().statusCode(200).extract().jsonPath();
        assertThat(a.getString("watches[0].title")).isEqualTo(shownWatched.title());
        assertThat(a.getBoolean("watches[0].finished")).isTrue();
        assertThat(a.getList("ratings.rating", Integer.class)).containsExactly(2, 5);
        // the list: its watched movie, 1 of 3 watched to the end after serving, 1 rated after (the other rating is older)
        assertThat(a.getString("lists[0].watched")).isEqualTo(shownWatched.title());
        assertThat(a.getInt("lists[0].finished")).isEqualTo(1);
        assertThat(a.getInt("lists[0].rated")).isEqualTo(1);
        assertThat(a.getMap("totals")).containsEntry("lists", 1).containsEntry("watchedLists", 1)
                .containsEntry("moviesShown", 3).containsEntry("shownWatched", 1).containsEntry("shownFinished", 1)
                .containsEntry("shownRated", 1);
        // RMSE of (2 - 3.5, 5 - 4.0): sqrt((2.25 + 1) / 2) = sqrt(1.625) (rest-assured reads JSON numbers as floats)
        assertThat(a.getDouble("errors[0].rmse")).isCloseTo(1.2747548783981961, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(a.getInt("errors[0].ratings")).isEqualTo(2);
        given().get("/viewer/api/users/12/activity").then().statusCode(502).contentType(containsString(PROBLEM));
    }

    /** The events of the lines the simulator wrote while {@code action} ran; every one parses. */
    private List<MovieEvent> linesOf(Runnable action) {
        try (TopicReader reader = new TopicReader()) {
            reader.mark();
            action.run();
            writer.flush();
            return reader.recordsSinceMark().stream().map(ConsumerRecord::value).map(line -> {
                ParseResult result = parser.parse(line);
                assertThat(result.isOk()).as("%s parses: %s", line, result).isTrue();
                return ((ParseResult.Ok) result).event();
            }).toList();
        }
    }
}
