package org.movierec.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.movierec.contracts.events.Topics;
import org.movierec.testkit.FreePorts;
import org.movierec.testkit.PostgresServer;
import org.movierec.testkit.ServiceProcess;

/**
 * Issue 17, several replicas of every tier on one machine: two inference services behind each router, two routers
 * behind a balancer the simulator's traffic goes through ({@link RoundRobinBalancer}, as an Ingress), two collectors
 * in one consumer group and two retrain services sharing the run lease. Shown in order on one stack:
 * <ol>
 * <li>the simulator's traffic reaches both routers;</li>
 * <li>a {@code kill -9} of an inference instance under client load on both routers (kept down a few seconds, then
 *     started again) costs no failed request, no popularity answer and not even a failed try: a GET that cannot
 *     reach its instance goes on to the other within its try, so no attempt is published with 502;</li>
 * <li>a retrain trigger sent to both retrain services starts one run (the other answers 409 with its id), and the
 *     release it makes reaches both inference instances;</li>
 * <li>an experiment created on one router is in force on the other, a user gets the same arm from either, both
 *     inference instances serve both arms' versions, and a stop on the other router ends it on the first;</li>
 * <li>the counts are exact: every answered request of the load has one served event stored, and a batch of marked
 *     ratings is stored once by the two collectors.</li>
 * </ol>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final StackSettings.World WORLD = new StackSettings.World(600, 400, 11, 12_000, 7);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    /** The load's wait for an answer: long, since the drill counts failures, not slow answers. */
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(10);
    /** The tiers run twice. */
    private static final List<Service> SCALED = List.of(Service.INFERENCE, Service.ROUTER, Service.RETRAIN,
            Service.TELEMETRY);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ConsoleCapture console = new ConsoleCapture();
    private final List<String> answeredRequestIds = new ArrayList<>();
    private LocalStack stack;
    private RoundRobinBalancer balancer;
    private Telemetry telemetry;
    private List<String> routers;
    private List<String> inferences;
    private String firstVersion;
    private String releasedVersion;

    @BeforeAll
    void startStack() throws Exception {
        StackSettings settings = E2eSettings.of("scale-out", WORLD, 10).withoutMonitoring();
        // This drill proves one run per trigger and a release reaching every inference, not the gates' judgement of a
        // model (PlatformIT's): the retrain here comes ~15 s after the first model, on a small world, and its offline
        // NDCG@10 moved by more than PlatformIT's 0.1 margin in a CI run (0.178 vs 0.287: rejected, nothing released),
        // so the drill opens the promotion and fairness gates wide.
        Path params = E2eSettings.retrainParams(settings, """
                promote:
                  max_rmse_increase: 10.0
                  max_ndcg_decrease: 10.0
                fairness:
                  max_rmse_disparity: 10.0
                  max_precision_disparity: 10.0
                  max_popularity_bias: 1000.0
                  min_catalog_coverage: 0.0
                  max_gini: 1.0
                """);
        int secondRouter = FreePorts.find();
        balancer = new RoundRobinBalancer(FreePorts.find(), List.of(
                "http://127.0.0.1:" + settings.ports().of(Service.ROUTER), "http://127.0.0.1:" + secondRouter));
        settings = settings.withExtraEnvironment(Map.of(
                Service.RETRAIN, Map.of("RETRAIN_CRON", "off", "RETRAIN_PARAMS_FILE", params.toString()),
                // The drill is about failures, not latency (bench/router.sh measures that): on a shared,
                // loaded machine a 250 ms try times out for want of CPU, so the tries get 2 s here.
                Service.ROUTER, Map.of("ROUTER_EXPERIMENTS_POLL_INTERVAL", "1s",
                        "ROUTER_POPULAR_REFRESH_INTERVAL", "5s", "ROUTER_UPSTREAM_TIMEOUT", "2s"),
                Service.SIMULATOR, Map.of("SIMULATOR_ROUTER_URL", balancer.url())));
        for (Service s : SCALED) {
            settings = settings.withReplicas(s, List.of(s == Service.ROUTER ? secondRouter : FreePorts.find()));
        }
        stack = LocalStack.start(settings, new Progress(console.printStream()));
        telemetry = new Telemetry(stack.jdbcUrl());
        routers = stack.replicas(Service.ROUTER).stream().map(ServiceProcess::baseUrl).toList();
        inferences = stack.replicas(Service.INFERENCE).stream().map(ServiceProcess::baseUrl).toList();
        firstVersion = stack.registry().productionVersion().orElseThrow();
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (balancer != null) {
            balancer.close();
        }
    }

    @Test
    @Order(1)
    void everyTierRunsTwiceAndTheSimulatorsTrafficReachesBothRouters() {
        for (Service s : SCALED) {
            assertThat(stack.replicas(s)).as(s.module()).hasSize(2)
                    .allSatisfy(p -> assertThat(p.status("/q/health/ready")).as(p.name()).isEqualTo(200));
        }
        Waits.until("each router forwarded 20 of the simulator's requests to inference", Duration.ofMinutes(2),
                () -> routers.stream().allMatch(r -> upstreamCalls(r) >= 20),
                () -> routers.stream().map(r -> r + ": " + upstreamCalls(r)).toList() + ", balancer "
                        + balancer.forwardedTo(0) + "/" + balancer.forwardedTo(1));
        assertThat(balancer.forwardedTo(0)).isPositive();
        assertThat(balancer.forwardedTo(1)).isPositive();
    }

    @Test
    @Order(2)
    void aKilledInferenceInstanceCostsNoFailedRequestOnEitherRouter() throws Exception {
        ServiceProcess victim = stack.replicas(Service.INFERENCE).get(0);
        List<RouterLoad> loads = new ArrayList<>();
        Instant killedAt;
        try {
            for (String router : routers) {
                loads.add(new RouterLoad(router, 2, WORLD.users(), LOAD_TIMEOUT));
            }
            Waits.until("both routers answer the load", MINUTE, () -> loads.stream().allMatch(l -> l.ok() > 50),
                    loads::toString);
            killedAt = Instant.now();
            assertThat(victim.kill()).isEqualTo(137); // SIGKILL, as kill -9
            // kept down while the load runs on (a restart is the supervisor's business, shown by PlatformIT)
            stack.hold(Service.INFERENCE, "scale-out drill: killed under load");
            Waits.pause(Duration.ofSeconds(5));
        } finally {
            for (RouterLoad load : loads) {
                load.close();
                answeredRequestIds.addAll(load.answeredRequestIds());
            }
        }
        Instant releasedAt = Instant.now();
        stack.release(Service.INFERENCE);
        for (RouterLoad load : loads) {
            assertThat(load.failed()).as("%s", load).isZero();
            assertThat(load.popularityAnswers()).as("answered by the other instance, not the popularity list: %s", load)
                    .isZero();
            assertThat(load.ok()).as("%s", load).isGreaterThan(100);
        }
        // not even a try failed for want of a connection: the GET went on to the other instance within its try
        Waits.until("the load's served events are stored", Duration.ofMinutes(2),
                () -> servedEvents(answeredRequestIds)[1] == answeredRequestIds.size(), () -> "not yet");
        assertThat(telemetry.number("SELECT count(*) FROM served_recommendations WHERE served_at >= ? AND served_at < ?"
                + " AND request_id LIKE '%:try-%' AND status = 502", java.sql.Timestamp.from(killedAt),
                java.sql.Timestamp.from(releasedAt)))
                .as("tries that failed with 502 (inference unreachable) while it was down").isZero();
        Waits.until("the killed instance is back and ready", Duration.ofMinutes(2),
                () -> victim.status("/q/health/ready") == 200, () -> "not ready");
    }

    @Test
    @Order(3)
    @SuppressWarnings("unchecked")
    void aTriggerSentToBothRetrainServicesStartsOneRunWhoseReleaseReachesBothInferences() throws Exception {
        long runsBefore = runs().countDocuments();
        // one trigger, sent to both as a retry through a balancer would: its cutoff is its identity
        String trigger = "{\"cutoff\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\",\"promotion\":\"direct\"}";
        List<CompletableFuture<HttpCalls.Answer>> triggers = stack.replicas(Service.RETRAIN).stream()
                .map(r -> CompletableFuture.supplyAsync(() -> HttpCalls.post(r.baseUrl() + "/admin/retrain",
                        stack.tokens().of(Service.RETRAIN), trigger)))
                .toList();
        List<HttpCalls.Answer> answers = triggers.stream().map(CompletableFuture::join).toList();
        assertThat(answers).extracting(HttpCalls.Answer::status).as("%s", answers).containsExactlyInAnyOrder(202, 409);
        Set<Object> runIds = new HashSet<>();
        answers.forEach(a -> runIds.add(JsonValues.object(a.body()).get("runId")));
        assertThat(runIds).as("the 409 names the run the 202 started: %s", answers).hasSize(1);
        String runId = String.valueOf(runIds.iterator().next());

        Map<String, Object>[] run = new Map[1];
        String anyRetrain = stack.replicas(Service.RETRAIN).get(1).baseUrl();
        Waits.until("retrain run " + runId + " finishes", Duration.ofMinutes(3), () -> {
            run[0] = JsonValues.object(HttpCalls.get(anyRetrain + "/runs/" + runId).body());
            return !"running".equals(run[0].get("status"));
        }, () -> String.valueOf(run[0]));
        assertThat(run[0].get("status")).as("%s", run[0]).isEqualTo("succeeded");
        assertThat(run[0].get("promoted")).as("%s", run[0]).isEqualTo(true);
        assertThat(runs().countDocuments()).as("one run for the trigger sent to both").isEqualTo(runsBefore + 1);
        releasedVersion = String.valueOf(run[0].get("version"));
        assertThat(releasedVersion).isNotEqualTo(firstVersion);

        for (String inference : inferences) {
            Waits.until(inference + " serves the released " + releasedVersion, MINUTE,
                    () -> releasedVersion.equals(HttpCalls.version(inference + "/recommend/1")),
                    () -> HttpCalls.version(inference + "/recommend/1"));
        }
    }

    @Test
    @Order(4)
    void anExperimentCreatedOnOneRouterIsInForceOnTheOtherWithTheSameArmPerUser() throws Exception {
        HttpCalls.Answer created = HttpCalls.post(routers.get(0) + "/experiments", stack.tokens().of(Service.ROUTER), """
                {"name":"scale-out drill","primaryMetric":"rmse","arms":[
                  {"name":"control","modelVersion":"%s","weight":50},
                  {"name":"previous","modelVersion":"%s","weight":50}]}""".formatted(releasedVersion, firstVersion));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = String.valueOf(JsonValues.object(created.body()).get("id"));
        try {
            for (String router : routers) {
                Waits.until(router + " routes users into experiment " + id, MINUTE,
                        () -> id.equals(header(router + "/recommend/1", "X-Experiment")), () -> "not yet");
            }
            Set<String> arms = new HashSet<>();
            for (int user = 1; user <= 60; user++) {
                String first = header(routers.get(0) + "/recommend/" + user, "X-Arm");
                String second = header(routers.get(1) + "/recommend/" + user, "X-Arm");
                assertThat(second).as("user %d's arm from the second router", user).isEqualTo(first);
                arms.add(first);
            }
            assertThat(arms).containsExactlyInAnyOrder("control", "previous");
            for (String inference : inferences) {
                for (String version : List.of(releasedVersion, firstVersion)) {
                    assertThat(HttpCalls.version(inference + "/recommend/7?model=" + version))
                            .as("%s serves arm version %s", inference, version).isEqualTo(version);
                }
            }
        } finally {
            HttpCalls.Answer stopped = HttpCalls.post(routers.get(1) + "/experiments/" + id + "/stop",
                    stack.tokens().of(Service.ROUTER), "{}");
            assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
        }
        Waits.until("the stop on the second router is in force on the first", MINUTE,
                () -> header(routers.get(0) + "/recommend/1", "X-Experiment") == null, () -> "still routed");
    }

    @Test
    @Order(5)
    void countsAreExactEveryAnswerHasOneServedEventAndEveryMarkedRatingIsStoredOnce() throws Exception {
        assertThat(answeredRequestIds).isNotEmpty().doesNotHaveDuplicates();
        Waits.until("every answered request of the kill drill has its served event stored", Duration.ofMinutes(2),
                () -> servedEvents(answeredRequestIds)[1] == answeredRequestIds.size(),
                () -> "stored " + servedEvents(answeredRequestIds)[1] + " of " + answeredRequestIds.size());
        long[] stored = servedEvents(answeredRequestIds);
        assertThat(stored[0]).as("rows for the answered requests, duplicates counted").isEqualTo(answeredRequestIds.size());

        long firstUser = 920_000_001L;
        int count = 5_000;
        MarkedRatings.write(stack.kafka().bootstrapServers(), firstUser, count);
        TelemetryLag lag = stack.telemetryLag();
        Map<Integer, Long> written = lag.mark(Topics.MOVIELOG); // the simulator goes on writing after the marked ratings
        Waits.until("the two collectors have stored every movielog record written so far", Duration.ofMinutes(2),
                () -> lag.behind(Topics.MOVIELOG, written) == 0, () -> lag.describe(Topics.MOVIELOG, written));
        assertThat(telemetry.number("SELECT count(*) FROM rating_history WHERE user_id >= ? AND user_id < ?",
                firstUser, firstUser + count)).isEqualTo(count);
        assertThat(telemetry.number("SELECT count(*) FROM ratings WHERE user_id >= ? AND user_id < ?",
                firstUser, firstUser + count)).isEqualTo(count);
    }

    /** Rows of {@code served_recommendations} with these request ids: {all rows, distinct request ids}. */
    private long[] servedEvents(List<String> requestIds) {
        String sql = "SELECT count(*), count(DISTINCT request_id) FROM served_recommendations WHERE request_id = ANY(?)";
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
             PreparedStatement s = c.prepareStatement(sql)) {
            Array ids = c.createArrayOf("text", requestIds.toArray());
            s.setArray(1, ids);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The retrain run records ({@code RunRecords.COLLECTION} of retrain-service). */
    private com.mongodb.client.MongoCollection<Document> runs() {
        return stack.mongoClient().getDatabase(LocalStack.DATABASE).getCollection("retrain_runs");
    }

    /** The router's calls to inference so far, from its {@code router_upstream_seconds_count} samples. */
    private static long upstreamCalls(String router) {
        long calls = 0;
        for (String line : HttpCalls.get(router + "/q/metrics").body().split("\n")) {
            if (line.startsWith("router_upstream_seconds_count")) {
                calls += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return calls;
    }

    /** Header {@code name} of a 200 answer to {@code GET url}, null when absent. */
    private String header(String url, String name) {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return response.headers().firstValue(name).orElse(null);
    }
}
