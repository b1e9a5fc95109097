package org.movierec.router;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.movierec.contracts.events.ServedEventHeaders;

/**
 * A WireMock server standing in for the inference service, whose behaviour a test controls: per model version it
 * answers normally, slowly (beyond the router's timeout), with a 500 or with a 404 (not loaded), and it can be stopped
 * and started again on the same port (upstream down). WireMock records the requests ({@link #received()}). The
 * {@code /recommend} answer depends on the user and the version asked for, so one stub hands it to a
 * {@link ComputedAnswer} that computes it as the real service would shape it, honouring the served-event contract
 * ({@link ServedEventHeaders}) as it does. As a Quarkus test resource it sets {@code router.inference-url}.
 */
public final class FakeInference implements QuarkusTestResourceLifecycleManager {

    /**
     * How the upstream answers a version: normally, after {@link #DELAYED_MILLIS} (within the router's timeout), too
     * slowly, 500, or 404 (the version is not loaded yet).
     */
    public enum Mode { OK, DELAYED, SLOW, ERROR, NOT_LOADED }

    /** One received request; {@code publishedBy} is its {@code X-Served-Event} header, {@code explain} its parameter. */
    public record Received(String path, String model, String experiment, String arm, String requestId, String accept,
            String publishedBy, String explain) {
    }

    /** The production version the fake reports without {@code ?model=}. */
    public static final String PRODUCTION = "prod-version";

    /** How long a {@link Mode#SLOW} answer takes: well beyond the router's upstream timeout. */
    private static final int SLOW_MILLIS = 1500;

    /** How long a {@link Mode#DELAYED} answer takes: well within the router's upstream timeout (250 ms). */
    public static final int DELAYED_MILLIS = 100;

    private static final Map<String, Mode> MODES = new ConcurrentHashMap<>();
    private static volatile Mode defaultMode = Mode.OK;
    private static volatile WireMockServer server;
    private static volatile int port;
    private static final ComputedAnswer ANSWER = new ComputedAnswer("fake-inference-answer", FakeInference::answer);

    @Override
    public Map<String, String> start() {
        if (server == null) {
            startServer(0);
        }
        return Map.of("router.inference-url", "http://127.0.0.1:" + port);
    }

    @Override
    public void stop() {
    }

    /** Starts the server (again) on {@code onPort}, 0 for any free port. */
    private static synchronized void startServer(int onPort) {
        WireMockServer s = new WireMockServer(options().bindAddress("127.0.0.1").port(onPort).extensions(ANSWER));
        s.start();
        s.stubFor(get(urlPathMatching("/recommend/[^/]+")).willReturn(aResponse().withTransformers(ANSWER.name())));
        s.stubFor(get(urlPathEqualTo("/popular")).willReturn(okJson("{\"modelVersion\":\"" + PRODUCTION
                + "\",\"items\":[{\"movieId\":\"p1\",\"score\":4.9},{\"movieId\":\"p2\",\"score\":4.8},"
                + "{\"movieId\":\"p3\",\"score\":4.7}]}").withHeader("X-Model-Version", PRODUCTION)));
        server = s;
        port = s.port();
    }

    /** Stops the server: connections are refused until {@link #restart()}. */
    public static synchronized void down() {
        server.stop();
    }

    /** Starts the server again on its port. */
    public static synchronized void restart() {
        startServer(port);
    }

    /** Sets how {@code version} ({@link #PRODUCTION} for no {@code ?model=}) is answered. */
    public static void mode(String version, Mode mode) {
        MODES.put(version, mode);
    }

    /** Sets how every version without its own mode is answered. */
    public static void defaultMode(Mode mode) {
        defaultMode = mode;
    }

    /** Every version back to normal, nothing recorded. */
    public static void reset() {
        MODES.clear();
        defaultMode = Mode.OK;
        server.resetRequests();
    }

    /** The {@code /recommend} requests received so far, oldest first. */
    public static List<Received> received() {
        return server.getAllServeEvents().stream()
                .map(ServeEvent::getRequest)
                .filter(r -> r.getUrl().startsWith("/recommend/"))
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(r -> new Received(URI.create(r.getUrl()).getPath(), model(r), r.getHeader("X-Experiment"),
                        r.getHeader("X-Arm"), r.getHeader("X-Request-Id"), r.getHeader("Accept"),
                        r.getHeader(ServedEventHeaders.PUBLISHED_BY), query(r, "explain")))
                .toList();
    }

    /** The line answered for {@code userId} by {@code version}. */
    public static String line(String version, String userId) {
        return version + "-" + userId + "-a," + version + "-" + userId + "-b";
    }

    private static String model(LoggedRequest request) {
        return query(request, "model");
    }

    private static String query(LoggedRequest request, String name) {
        QueryParameter parameter = request.queryParameter(name);
        return parameter.isPresent() ? parameter.firstValue() : null;
    }

    /** The {@code /recommend/{userId}} answer of the version asked for, in its current {@link Mode}. */
    private static ResponseDefinition answer(LoggedRequest request) {
        String userId = URI.create(request.getUrl()).getPath().substring("/recommend/".length());
        String model = model(request);
        String version = model == null ? PRODUCTION : model;
        Mode mode = MODES.getOrDefault(version, defaultMode);
        ResponseDefinitionBuilder answer = aResponse().withHeader("X-Model-Version", version);
        if (mode == Mode.SLOW) {
            answer.withFixedDelay(SLOW_MILLIS);
        } else if (mode == Mode.DELAYED) {
            answer.withFixedDelay(DELAYED_MILLIS);
        }
        String accept = request.getHeader("Accept");
        if (mode == Mode.ERROR) {
            answer.withStatus(500).withHeader("Content-Type", "text/plain").withBody("boom\n");
            return answer.build();
        }
        if (mode == Mode.NOT_LOADED) {
            answer.withStatus(404).withHeader("Content-Type", "application/problem+json")
                    .withBody("{\"status\":404,\"detail\":\"model version '" + version + "' is not loaded here\"}");
            return answer.build();
        }
        if (ServedEventHeaders.routerPublishes(request.getHeader(ServedEventHeaders.PUBLISHED_BY))) {
            // as the real service: the router publishes the served event, so the items come back in headers
            answer.withHeader(ServedEventHeaders.PUBLISHED_BY, ServedEventHeaders.ROUTER)
                    .withHeader(ServedEventHeaders.ITEMS, line(version, userId))
                    .withHeader(ServedEventHeaders.POPULARITY, "false");
        }
        if (accept != null && accept.contains("application/json")) {
            answer.withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"userId\":\"" + userId
                    + "\",\"modelVersion\":\"" + version + "\",\"items\":[{\"movieId\":\"" + version + "-" + userId
                    + "-a\",\"score\":4.5}],\"fallback\":false}");
        } else {
            answer.withStatus(200).withHeader("Content-Type", "text/plain;charset=UTF-8").withBody(line(version, userId));
        }
        return answer.build();
    }
}
