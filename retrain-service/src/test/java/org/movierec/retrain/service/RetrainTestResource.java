package org.movierec.retrain.service;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.jsonResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.movierec.retrain.LoopbackWireMock;
import org.movierec.core.generate.GeneratedData;
import org.movierec.core.generate.GeneratorConfig;
import org.movierec.core.generate.SyntheticDataGenerator;
import org.movierec.retrain.TelemetryFixture;
import org.movierec.retrain.UserApiStandIn;
import org.movierec.telemetry.schema.TelemetrySchema;
import org.movierec.testkit.MongoTestResource;
import org.movierec.testkit.PostgresTestResource;
import org.movierec.testkit.SlackReceiver;

/**
 * Everything a retrain run needs, real or standing in: PostgreSQL 17 with the telemetry schema and generated
 * ratings, mongo-java-server, the user/movie API and the router (WireMock stand-ins), and a Slack receiver
 * (injected into the test's {@link SlackReceiver} field).
 */
public class RetrainTestResource implements QuarkusTestResourceLifecycleManager {

    static final String ROUTER_TOKEN = "test-only-router-token";
    /** A canary experiment the router stand-in reports as ended (aborted). */
    public static final String ENDED_CANARY = "canary-ended";
    /** A canary experiment the router stand-in reports as still running, its promotion failing. */
    public static final String RUNNING_CANARY = "canary-running";

    private WireMockServer userApi;
    private WireMockServer router;
    private SlackReceiver slack;

    @Override
    public Map<String, String> start() {
        try {
            Map<String, String> pg = new PostgresTestResource().start();
            String url = pg.get(PostgresTestResource.JDBC_URL);
            String user = pg.get(PostgresTestResource.USERNAME);
            String password = pg.get(PostgresTestResource.PASSWORD);
            TelemetrySchema.migrate(url, user, password, "auto");
            GeneratedData data = SyntheticDataGenerator.generate(GeneratorConfig.of(400, 300, 20_000, 3)
                    .withGroupEffect(0.3).withSlugIds(true));
            if (count(url, user, password) == 0) {
                TelemetryFixture.insert(url, user, password, data.ratings());
            }
            userApi = UserApiStandIn.start(data);
            router = LoopbackWireMock.start();
            router.stubFor(post(urlEqualTo("/experiments/canary")).willReturn(jsonResponse("{\"id\":\"exp-1\"}", 201)));
            router.stubFor(get(urlEqualTo("/experiments/" + ENDED_CANARY)).willReturn(okJson("{\"id\":\""
                    + ENDED_CANARY + "\",\"type\":\"canary\",\"status\":\"aborted\",\"endedAt\":"
                    + "\"2026-11-30T10:00:00Z\",\"endReason\":\"promotion failed 4 times: HTTP 409\","
                    + "\"canary\":{\"candidateVersion\":\"v2\"}}")));
            router.stubFor(get(urlEqualTo("/experiments/" + RUNNING_CANARY)).willReturn(okJson("{\"id\":\""
                    + RUNNING_CANARY + "\",\"type\":\"canary\",\"status\":\"running\",\"endedAt\":null,"
                    + "\"endReason\":null,\"canary\":{\"release\":{\"state\":\"promote_failed\"}}}")));
            slack = SlackReceiver.start();
            Map<String, String> config = new HashMap<>(new MongoTestResource().start());
            config.put("retrain.database.url", url);
            config.put("retrain.database.user", user);
            config.put("retrain.database.password", password);
            config.put("retrain.user-api-url", LoopbackWireMock.url(userApi));
            config.put("retrain.router-url", LoopbackWireMock.url(router));
            config.put("retrain.router-admin-token", ROUTER_TOKEN);
            config.put("retrain.slack-webhook-url", slack.webhookUrl());
            config.put("retrain.work-dir", Files.createTempDirectory("retrain-service-test").toString());
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the retrain test infrastructure", e);
        }
    }

    private static long count(String url, String user, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password);
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM ratings")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(slack, new TestInjector.MatchesType(SlackReceiver.class));
    }

    @Override
    public void stop() {
        if (slack != null) {
            slack.close();
        }
        if (router != null) {
            router.stop();
        }
        if (userApi != null) {
            userApi.stop();
        }
    }

}
