package org.movierec.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.movierec.core.events.Topics;
import org.movierec.core.json.JsonReader;
import org.movierec.testkit.SlackReceiver;

/**
 * The platform end to end, as {@code bin/start} runs it: every component a real process on loopback, the
 * simulator's users calling the router, the collector storing what happens, the retrain service training and
 * promoting, the router running experiments and canaries. Then the fault drills of docs/OPERATIONS.md.
 *
 * <p>One stack for the whole class (starting it is the expensive part); the steps run in order and each leaves
 * the stack serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformIT {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final int USERS = 2000;

    private LocalStack stack;
    private SlackReceiver slack;
    private Telemetry telemetry;
    private String router;
    private String retrain;

    @BeforeAll
    void startStack() throws Exception {
        Path root = Path.of(System.getProperty("movierec.root", "..")).toAbsolutePath().normalize();
        Path home = Files.createTempDirectory("movierec-e2e");
        slack = SlackReceiver.start();
        StackSettings settings = StackSettings.defaults(root, home)
                .withPorts(Ports.free())
                .withWorld(new StackSettings.World(USERS, 1500, 7, 40_000, 14))
                .withSessionsPerSecond(15)
                .withReloadInterval(Duration.ofSeconds(1))
                .withSlackWebhook(slack.webhookUrl())
                .withExtraEnvironment(Map.of(
                        Service.RETRAIN, Map.of("RETRAIN_CRON", "off"),
                        Service.SIMULATOR, Map.of("SIMULATOR_FAULTS_GARBAGE_RATE", "0.002",
                                "SIMULATOR_FAULTS_DUPLICATE_RATE", "0.002")));
        stack = LocalStack.start(settings, new Progress(System.out));
        telemetry = new Telemetry(stack.jdbcUrl());
        router = stack.service(Service.ROUTER).baseUrl();
        retrain = stack.service(Service.RETRAIN).baseUrl();
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (slack != null) {
            slack.close();
        }
    }

    @Test
    @Order(1)
    void recommendAnswersThroughTheRouterAndTelemetryLandsInTheDatabase() {
        HttpCalls.Answer answer = HttpCalls.get(router + "/recommend/42");
        assertThat(answer.status()).isEqualTo(200);
        List<String> ids = List.of(answer.body().trim().split(","));
        assertThat(ids).hasSizeBetween(1, 20).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isNotBlank());
        assertThat(HttpCalls.get(router + "/recommend/abc").status()).isEqualTo(400);

        long served = telemetry.number("SELECT count(*) FROM served_recommendations");
        long ratings = telemetry.number("SELECT count(*) FROM rating_history");
        Waits.until("served events and new ratings from the simulator's traffic reach PostgreSQL", Duration.ofMinutes(2),
                () -> telemetry.number("SELECT count(*) FROM served_recommendations") > served + 50
                        && telemetry.number("SELECT count(*) FROM rating_history") > ratings + 20,
                () -> "served " + telemetry.number("SELECT count(*) FROM served_recommendations")
                        + ", ratings " + telemetry.number("SELECT count(*) FROM rating_history"));
        assertThat(telemetry.number("SELECT count(*) FROM recommendation_requests")).isPositive();
    }

    @Test
    @Order(2)
    void retrainRegistersWithLineageAndInferenceSwapsWithoutAFailedRequest() throws Exception {
        String before = stack.registry().productionVersion().orElseThrow();
        String version;
        try (RouterLoad load = new RouterLoad(router, 4, USERS)) {
            String runId = startRetrain("{}");
            Map<String, Object> run = awaitRun(runId);
            assertThat(run.get("status")).as("run %s", run).isEqualTo("succeeded");
            version = String.valueOf(run.get("version"));
            assertThat(version).isNotEqualTo(before);
            Waits.until("the router serves the new version", MINUTE, () -> load.versions().contains(version),
                    load::toString);
            Waits.pause(Duration.ofSeconds(3));
            load.close();
            assertThat(load.failed()).as("%s", load).isZero();
            assertThat(load.ok()).isGreaterThan(100);
        }
        assertThat(stack.registry().productionVersion()).contains(version);

        HttpCalls.Answer lineage = HttpCalls.get(retrain + "/models/" + version + "/lineage");
        assertThat(lineage.status()).isEqualTo(200);
        Map<String, Object> l = JsonReader.readObject(lineage.body());
        assertThat(lineage.body()).contains(before); // parent version
        assertThat(l).containsKeys("params", "metrics", "fairness");
        assertThat(lineage.body()).containsIgnoringCase("md5").containsIgnoringCase("cutoff");

        Waits.until("online RMSE per model version", Duration.ofMinutes(2),
                () -> telemetry.number("SELECT count(*) FROM online_predictions WHERE predicted IS NOT NULL") > 50,
                () -> "online predictions " + telemetry.number("SELECT count(*) FROM online_predictions"));
        assertThat(telemetry.number("SELECT count(DISTINCT model_version) FROM online_rmse")).isPositive();
    }

    @Test
    @Order(3)
    void killedCollectorRestartsWithNoLostOrDoubledEvent() throws Exception {
        long firstUser = 900_000_001L;
        int count = 30_000;
        var collector = stack.service(Service.TELEMETRY);
        Thread writer = new Thread(() -> {
            try {
                MarkedRatings.write(stack.kafka().bootstrapServers(), firstUser, count);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        Waits.until("the collector is storing the marked batch", MINUTE,
                () -> telemetry.number("SELECT count(*) FROM rating_history WHERE user_id >= ?", firstUser) > 0,
                () -> "none stored yet");
        collector.kill();
        writer.join();
        collector.start();
        collector.awaitHttp("/q/health/ready", 200, Duration.ofMinutes(2));
        awaitCaughtUp();
        assertThat(telemetry.number("SELECT count(*) FROM rating_history WHERE user_id >= ?", firstUser))
                .isEqualTo(count);
        assertThat(telemetry.number("SELECT count(*) FROM ratings WHERE user_id >= ?", firstUser)).isEqualTo(count);
    }

    @Test
    @Order(4)
    void postgresDownForThirtySecondsLosesNothing() throws Exception {
        long firstUser = 910_000_001L;
        int count = 5_000;
        stack.postgres().stop();
        MarkedRatings.write(stack.kafka().bootstrapServers(), firstUser, count);
        Waits.pause(Duration.ofSeconds(30));
        HttpCalls.Answer duringOutage = HttpCalls.get(router + "/recommend/7");
        stack.postgres().start();
        awaitCaughtUp();
        assertThat(duringOutage.status()).isEqualTo(200);
        assertThat(telemetry.number("SELECT count(*) FROM rating_history WHERE user_id >= ? AND user_id < ?",
                firstUser, firstUser + count)).isEqualTo(count);
    }

    @Test
    @Order(5)
    void brokerRestartIsRecoveredWithoutManualAction() {
        stack.kafka().stop();
        HttpCalls.Answer duringOutage = HttpCalls.get(router + "/recommend/8");
        Waits.pause(Duration.ofSeconds(5));
        stack.kafka().start();
        assertThat(duringOutage.status()).isEqualTo(200);
        long served = telemetry.number("SELECT count(*) FROM served_recommendations");
        long requests = telemetry.number("SELECT count(*) FROM recommendation_requests");
        Waits.until("served events (inference, router) and simulator lines flow again after the broker restart",
                Duration.ofMinutes(2),
                () -> telemetry.number("SELECT count(*) FROM served_recommendations") > served + 20
                        && telemetry.number("SELECT count(*) FROM recommendation_requests") > requests + 20,
                () -> "served " + telemetry.number("SELECT count(*) FROM served_recommendations") + ", requests "
                        + telemetry.number("SELECT count(*) FROM recommendation_requests"));
    }

    @Test
    @Order(6)
    void mongoDownKeepsServingLoadedModels() throws Exception {
        String production = stack.registry().productionVersion().orElseThrow();
        stack.mongo().stop();
        try (RouterLoad load = new RouterLoad(router, 2, USERS)) {
            Waits.pause(Duration.ofSeconds(10));
            load.close();
            assertThat(load.failed()).as("%s", load).isZero();
            assertThat(load.versions()).contains(production);
        } finally {
            stack.mongo().start();
        }
        Waits.until("inference reports ready again with MongoDB back", MINUTE,
                () -> stack.service(Service.INFERENCE).status("/q/health/ready") == 200, () -> "not ready");
    }

    private void awaitCaughtUp() {
        Waits.until("the collector has stored every movielog record", Duration.ofMinutes(3),
                () -> stack.telemetryLag().of(Topics.MOVIELOG) == 0,
                () -> "lag " + stack.telemetryLag().of(Topics.MOVIELOG));
    }

    private String startRetrain(String body) {
        HttpCalls.Answer started = HttpCalls.post(retrain + "/admin/retrain", stack.tokens().of(Service.RETRAIN), body);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        return String.valueOf(JsonReader.readObject(started.body()).get("runId"));
    }

    private Map<String, Object> awaitRun(String runId) {
        Map<String, Object>[] last = new Map[1];
        Waits.until("retrain run " + runId + " finishes", Duration.ofMinutes(3), () -> {
            HttpCalls.Answer run = HttpCalls.get(retrain + "/runs/" + runId);
            last[0] = JsonReader.readObject(run.body());
            return !"running".equals(last[0].get("status"));
        }, () -> String.valueOf(last[0]));
        return last[0];
    }
}
