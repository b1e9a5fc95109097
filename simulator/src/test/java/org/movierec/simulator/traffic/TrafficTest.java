package org.movierec.simulator.traffic;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.movierec.contracts.events.MovieEvent;
import org.movierec.contracts.events.MovielogParser;
import org.movierec.contracts.events.ParseResult;
import org.movierec.contracts.events.RateEvent;
import org.movierec.contracts.events.RecommendationRequestEvent;
import org.movierec.contracts.events.WatchEvent;
import org.movierec.simulator.RouterStandIn;
import org.movierec.simulator.SimulatorTestResource;
import org.movierec.simulator.TopicReader;
import org.movierec.simulator.catalog.World;
import org.movierec.simulator.movielog.MovielogWriter;
import org.movierec.testkit.KafkaTestResource;

/**
 * Live traffic against a router stood in by WireMock on loopback, read back from the real Kafka topic: a router
 * that is down, a router answering known lists, the feedback loop (good lists earn more watches), error answers
 * and timeouts, and the runtime switch. Sessions are run in exact numbers ({@link TrafficGenerator#runSessions}),
 * so nothing depends on timing. Each test starts the router it needs ({@link #startRouter()}; without one the
 * router is down) and counts from where the shared simulator stood when it began, so the tests run in any order.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class TrafficTest {

    static final String TOKEN = "Bearer test-only-admin-token";
    /** The configured {@code simulator.traffic.sessions-per-second} (application.properties). */
    static final float CONFIGURED_RATE = 5.0f;
    /** The true-rating rankings of the world's users, best and worst first (a pure function of the world). */
    static final Map<Long, List<String>> rankings = new ConcurrentHashMap<>();

    @Inject
    TrafficGenerator traffic;

    @Inject
    MovielogWriter writer;

    @Inject
    World world;

    @Inject
    MeterRegistry registry;

    final MovielogParser parser = new MovielogParser();

    RouterStandIn router;

    RouterStandIn startRouter() {
        router = RouterStandIn.atConfiguredUrl();
        return router;
    }

    @AfterEach
    void stopRouter() {
        if (router != null) {
            router.close();
            router = null;
        }
    }

    /**
     * Plays {@code n} sessions in chunks, flushes, and returns the lines they wrote, each parsed; checks that no line
     * is dated after it was sent (its Kafka record's timestamp, taken by the producer at send).
     */
    List<MovieEvent> play(int n) throws Exception {
        try (TopicReader reader = new TopicReader()) {
            reader.mark();
            for (int done = 0; done < n; done += 50) {
                traffic.runSessions(Math.min(50, n - done)).get(60, TimeUnit.SECONDS);
            }
            writer.flush();
            List<MovieEvent> events = new ArrayList<>();
            for (ConsumerRecord<String, String> record : reader.recordsSinceMark()) {
                ParseResult r = parser.parse(record.value());
                assertThat(r.isOk()).as(record.value() + " -> " + r).isTrue();
                MovieEvent event = ((ParseResult.Ok) r).event();
                assertThat(event.time().toInstant(ZoneOffset.UTC))
                        .as("time of %s, sent at %s", record.value(), Instant.ofEpochMilli(record.timestamp()))
                        .isBeforeOrEqualTo(Instant.ofEpochMilli(record.timestamp()));
                events.add(event);
            }
            return events;
        }
    }

    @Test
    void aRouterThatIsDownGivesStatus0LinesAndNoCrash() throws Exception {
        long failedBefore = traffic.stats().failedRequests();
        List<MovieEvent> events = play(20);
        List<RecommendationRequestEvent> requests = requests(events);
        assertThat(requests).hasSize(20);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.status()).isZero();
            assertThat(r.error()).isEqualTo("java.net.ConnectException: Connection refused");
            assertThat(r.server()).startsWith("127.0.0.1:");
        });
        assertThat(events).noneMatch(e -> e instanceof WatchEvent);
        assertThat(traffic.stats().failedRequests() - failedBefore).isEqualTo(20);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void sessionsWriteRequestsWatchesAndRatingsThatParse() throws Exception {
        startRouter();
        List<String> list = IntStream.range(0, 20).mapToObj(i -> world.movie(i).id()).toList();
        router.answer(user -> list);
        long sessionsBefore = traffic.stats().sessions();

        List<MovieEvent> events = play(300);

        List<RecommendationRequestEvent> requests = requests(events);
        assertThat(requests).hasSize(300).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.results()).isEqualTo(list);
            assertThat(world.userIndex(r.userId())).isNotNegative();
        });
        List<WatchEvent> watches = events.stream().filter(e -> e instanceof WatchEvent).map(e -> (WatchEvent) e).toList();
        List<RateEvent> rates = events.stream().filter(e -> e instanceof RateEvent).map(e -> (RateEvent) e).toList();
        assertThat(watches).isNotEmpty().allSatisfy(w -> assertThat(list).contains(w.movieId()));
        assertThat(rates).isNotEmpty().allSatisfy(r -> assertThat(r.rating()).isBetween(1, 5));
        // browsing rates movies that were not recommended
        assertThat(rates).anyMatch(r -> !list.contains(r.movieId()));
        // every rating of a listed movie follows the user's watch of it
        Set<String> watched = new HashSet<>();
        for (MovieEvent e : events) {
            if (e instanceof WatchEvent w) {
                watched.add(w.userId() + "|" + w.movieId());
            } else if (e instanceof RateEvent r && list.contains(r.movieId())) {
                assertThat(watched).contains(r.userId() + "|" + r.movieId());
            }
        }
        assertThat(traffic.stats().sessions() - sessionsBefore).isEqualTo(300);
        assertThat(router.calls()).isGreaterThanOrEqualTo(300);
    }

    @Test
    void aRouterAnsweringTheTrulyBestMoviesEarnsMoreWatchThrough() throws Exception {
        startRouter();
        for (long user = 1; user <= world.userCount(); user++) {
            ranked(user, true);
            ranked(user, false);
        }
        router.answer(user -> ranked(user, true));
        double best = watchThrough(400);
        router.answer(user -> randomList(user));
        double random = watchThrough(400);
        router.answer(user -> ranked(user, false));
        double worst = watchThrough(400);

        System.out.printf("watch-through: best lists %.3f, random lists %.3f, worst lists %.3f%n", best, random, worst);
        assertThat(best).as("best %.2f, random %.2f, worst %.2f", best, random, worst).isGreaterThan(random + 0.2);
        assertThat(random).as("random %.2f, worst %.2f", random, worst).isGreaterThan(worst + 0.05);
        assertThat(best).isGreaterThan(0.6);
        assertThat(worst).isLessThan(0.1);
    }

    @Test
    void trafficIsSwitchedAtRuntime() {
        startRouter().answer(user -> List.of(world.movie(0).id()));
        given().get("/admin/status").then().statusCode(200)
                .body("traffic.enabled", equalTo(false))
                .body("traffic.sessionsPerSecond", equalTo(CONFIGURED_RATE))
                .body("bootstrap.state", notNullValue());
        long before = traffic.stats().sessions();
        try {
            given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                    .body("{\"enabled\":true,\"sessionsPerSecond\":200}").post("/admin/traffic").then().statusCode(200)
                    .body("enabled", equalTo(true)).body("sessionsPerSecond", equalTo(200.0f));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .untilAsserted(() -> assertThat(traffic.stats().sessions()).as("sessions played since the switch")
                            .isGreaterThanOrEqualTo(before + 50));
            given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                    .body("{\"enabled\":false}").post("/admin/traffic").then().statusCode(200)
                    .body("enabled", equalTo(false)).body("sessionsPerSecond", equalTo(200.0f));
            assertThat(traffic.stats().sessions()).isGreaterThanOrEqualTo(before + 50);
            given().get("/admin/status").then().statusCode(200)
                    .body("traffic.enabled", equalTo(false))
                    .body("traffic.requests", notNullValue())
                    .body("traffic.failedRequests", notNullValue())
                    .body("traffic.watches", notNullValue())
                    .body("traffic.ratings", notNullValue())
                    .body("traffic.linesWritten", notNullValue());
        } finally {
            traffic.set(false, (double) CONFIGURED_RATE);
            awaitNoSessionInFlight();
        }
    }

    @Test
    void requestsAndLinesAreCountedInTheMetrics() throws Exception {
        play(2); // the router is down: status 0
        startRouter().answer(user -> IntStream.range(0, 20).mapToObj(i -> world.movie(i).id()).toList());
        assertThat(requests(play(50))).anyMatch(r -> r.status() == 200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("simulator_requests_total{status=\"200\"}"))
                .body(containsString("simulator_requests_total{status=\"0\"}"))
                .body(containsString("simulator_request_latency_seconds"))
                .body(containsString("simulator_lines_total{kind=\"watch\"}"));
    }

    @Test
    void badTrafficRequestsAre400WithAReason() {
        JsonPath before = given().get("/admin/status").then().statusCode(200).extract().jsonPath();
        for (String body : List.of("{\"sessionsPerSecond\":0}", "{\"sessionsPerSecond\":10001}", "{\"sessionsPerSecond\":-1}",
                "{\"sessionsPerSecond\":\"fast\"}", "{\"enabled\":\"yes\"}", "{\"enabled\":true,\"rate\":3}", "{}", "not json",
                "", "[1,2]")) {
            given().header("Authorization", TOKEN).contentType(ContentType.JSON).body(body)
                    .post("/admin/traffic").then().statusCode(400).body("detail", notNullValue());
        }
        given().get("/admin/status").then()
                .body("traffic.enabled", equalTo(before.getBoolean("traffic.enabled")))
                .body("traffic.sessionsPerSecond", equalTo(before.getFloat("traffic.sessionsPerSecond")));
    }

    @Test
    void errorAnswersAndTimeoutsAreLoggedWithTheirStatus() throws Exception {
        startRouter().fail(503, "no model is loaded yet\nsecond line");
        List<RecommendationRequestEvent> refused = requests(play(10));
        assertThat(refused).hasSize(10).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.error()).isEqualTo("no model is loaded yet");
        });

        // longer than the tests' 5 s request timeout (600 ms in production)
        router.answerAfter(6000, user -> List.of(world.movie(0).id()));
        List<RecommendationRequestEvent> late = requests(play(4));
        assertThat(late).hasSize(4).allSatisfy(r -> {
            assertThat(r.status()).isZero();
            assertThat(r.error()).isEqualTo("java.net.SocketTimeoutException: Read timed out");
            assertThat(r.latencyMs()).isGreaterThanOrEqualTo(4990); // it waited for the timeout
        });
    }

    /** Waits until no session is in flight (after traffic was switched off), so later lines are a test's own. */
    void awaitNoSessionInFlight() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(registry.get("simulator.sessions.in.flight").gauge().value())
                        .as("sessions in flight").isZero());
        writer.flush();
    }

    static List<RecommendationRequestEvent> requests(List<MovieEvent> events) {
        return events.stream().filter(e -> e instanceof RecommendationRequestEvent)
                .map(e -> (RecommendationRequestEvent) e).toList();
    }

    /** Share of {@code n} sessions in which the user watched a recommended movie. */
    double watchThrough(int n) throws Exception {
        long answered = answered();
        long watches = traffic.stats().watches();
        List<MovieEvent> events = play(n);
        long ok = events.stream().filter(e -> e instanceof RecommendationRequestEvent r && r.status() == 200).count();
        assertThat(ok).isEqualTo(answered() - answered).isGreaterThan(n * 9 / 10);
        return (traffic.stats().watches() - watches) / (double) ok;
    }

    long answered() {
        return traffic.stats().sessions() - traffic.stats().failedRequests();
    }

    /** The user's 20 first movies by true rating in {@code order}. */
    List<String> ranked(long userId, boolean best) {
        return rankings.computeIfAbsent(userId * (best ? 1 : -1), key -> {
            int user = world.userIndex(userId);
            int[] top = new int[20];
            double[] score = new double[20];
            Arrays.fill(score, Double.NEGATIVE_INFINITY);
            for (int m = 0; m < world.movieCount(); m++) {
                double s = best ? world.trueRating(user, m) : -world.trueRating(user, m);
                if (s > score[19]) {
                    int at = 19;
                    while (at > 0 && score[at - 1] < s) {
                        score[at] = score[at - 1];
                        top[at] = top[at - 1];
                        at--;
                    }
                    score[at] = s;
                    top[at] = m;
                }
            }
            return Arrays.stream(top).mapToObj(m -> world.movie(m).id()).toList();
        });
    }

    List<String> randomList(long userId) {
        SplittableRandom random = new SplittableRandom(userId * 31 + 7);
        return random.ints(0, world.movieCount()).distinct().limit(20).mapToObj(m -> world.movie(m).id()).toList();
    }
}
