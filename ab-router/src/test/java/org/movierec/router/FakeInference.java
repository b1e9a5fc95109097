package org.movierec.router;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server standing in for the inference service, whose behaviour a test controls: per model
 * version it answers normally, slowly (beyond the router's timeout) or with a 500, and it can be stopped
 * and started again on the same port (upstream down). It records every /recommend request it receives.
 * As a Quarkus test resource it sets {@code router.inference-url}.
 */
public final class FakeInference implements QuarkusTestResourceLifecycleManager {

    /** How the upstream answers a version. */
    public enum Mode { OK, SLOW, ERROR }

    /** One received request. */
    public record Received(String path, String model, String experiment, String arm, String requestId, String accept) {
    }

    /** The production version the fake reports without {@code ?model=}. */
    public static final String PRODUCTION = "prod-version";

    private static final Map<String, Mode> MODES = new ConcurrentHashMap<>();
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static volatile Mode defaultMode = Mode.OK;
    private static volatile HttpServer server;
    private static volatile int port;
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-inference");
        thread.setDaemon(true);
        return thread;
    });

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
    public static synchronized void startServer(int onPort) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 64);
            s.createContext("/recommend/", FakeInference::recommend);
            s.createContext("/popular", FakeInference::popular);
            s.setExecutor(EXECUTOR);
            s.start();
            server = s;
            port = s.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server: connections are refused until {@link #restart()}. */
    public static synchronized void down() {
        server.stop(0);
    }

    /** Starts the server again on its port. */
    public static void restart() {
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
        RECEIVED.clear();
    }

    /** The requests received so far. */
    public static List<Received> received() {
        return List.copyOf(RECEIVED);
    }

    /** The line answered for {@code userId} by {@code version}. */
    public static String line(String version, String userId) {
        return version + "-" + userId + "-a," + version + "-" + userId + "-b";
    }

    private static void recommend(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String userId = uri.getPath().substring("/recommend/".length());
        String model = null;
        if (uri.getQuery() != null && uri.getQuery().startsWith("model=")) {
            model = uri.getQuery().substring("model=".length());
        }
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        RECEIVED.add(new Received(uri.getPath(), model, exchange.getRequestHeaders().getFirst("X-Experiment"),
                exchange.getRequestHeaders().getFirst("X-Arm"), exchange.getRequestHeaders().getFirst("X-Request-Id"),
                accept));
        String version = model == null ? PRODUCTION : model;
        Mode mode = MODES.getOrDefault(version, defaultMode);
        if (mode == Mode.SLOW) {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (mode == Mode.ERROR) {
            send(exchange, 500, "text/plain", "boom\n", version);
            return;
        }
        if (accept != null && accept.contains("application/json")) {
            send(exchange, 200, "application/json", "{\"userId\":\"" + userId + "\",\"modelVersion\":\"" + version
                    + "\",\"items\":[{\"movieId\":\"" + version + "-" + userId + "-a\",\"score\":4.5}],\"fallback\":false}",
                    version);
        } else {
            send(exchange, 200, "text/plain;charset=UTF-8", line(version, userId), version);
        }
    }

    private static void popular(HttpExchange exchange) throws IOException {
        send(exchange, 200, "application/json", "{\"modelVersion\":\"" + PRODUCTION + "\",\"items\":["
                + "{\"movieId\":\"p1\",\"score\":4.9},{\"movieId\":\"p2\",\"score\":4.8},{\"movieId\":\"p3\",\"score\":4.7}]}",
                PRODUCTION);
    }

    private static void send(HttpExchange exchange, int status, String type, String body, String version)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("X-Model-Version", version);
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the router gave up (timeout) and closed the connection
        } finally {
            exchange.close();
        }
    }
}
