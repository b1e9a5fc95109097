package org.movierec.router;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.movierec.core.json.Json;

/**
 * Stands in for retrain-service's release API in the router's tests (the real one is tested in its own module):
 * answers {@code POST /models/{version}/promote} and records every call (path, token, caller, body). By default
 * it releases by calling {@link #onPromote} (the test points it at the registry, as retrain-service would) and
 * answers 200; after {@link #failWith} it answers that problem instead and releases nothing.
 */
public final class RetrainStandIn implements QuarkusTestResourceLifecycleManager {

    /** The token the router is configured with. */
    public static final String TOKEN = "test-only-retrain-token";

    /** A call the stand-in received. */
    public record Call(String path, String authorization, String requestedBy, String body) {
    }

    private static HttpServer server;
    private static final List<Call> CALLS = new ArrayList<>();
    private static volatile Consumer<String> onPromote = version -> { };
    private static volatile int failStatus;
    private static volatile String failDetail;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/models/", RetrainStandIn::handle);
            server.start();
        }
        return Map.of("router.retrain-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "router.retrain-admin-token", TOKEN);
    }

    @Override
    public void stop() {
    }

    /** What a successful promote does (the test's registry). */
    public static void onPromote(Consumer<String> action) {
        onPromote = action;
    }

    /** From now on, answer every promote with this problem. */
    public static void failWith(int status, String detail) {
        failDetail = detail;
        failStatus = status;
    }

    /** From now on, release and answer 200. */
    public static void succeed() {
        failStatus = 0;
    }

    /** The calls so far, oldest first. */
    public static List<Call> calls() {
        synchronized (CALLS) {
            return List.copyOf(CALLS);
        }
    }

    /** Forgets the calls so far. */
    public static void clear() {
        synchronized (CALLS) {
            CALLS.clear();
        }
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (CALLS) {
                CALLS.add(new Call(path, exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("X-Requested-By"), body));
            }
            String[] parts = path.split("/");
            int status;
            String answer;
            if (!exchange.getRequestMethod().equals("POST") || parts.length != 4 || !parts[3].equals("promote")) {
                status = 404;
                answer = Json.write(Map.of("type", "about:blank", "title", "Not Found", "status", 404, "detail", "no route"));
            } else if (failStatus != 0) {
                status = failStatus;
                answer = Json.write(Map.of("type", "about:blank", "title", "Conflict", "status", failStatus, "detail", failDetail));
            } else {
                onPromote.accept(parts[2]);
                status = 200;
                answer = Json.write(Map.of("kind", "promote", "version", parts[2]));
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
