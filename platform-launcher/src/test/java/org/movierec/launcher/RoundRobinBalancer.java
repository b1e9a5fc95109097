package org.movierec.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A per-request round-robin HTTP balancer for GETs in front of several routers, standing in for the Ingress or the
 * Kubernetes Service that clients reach the router replicas through: the simulator, which knows one router URL,
 * calls it, and its requests alternate between the routers. Per request rather than per connection, because the
 * simulator keeps few keep-alive connections open. It forwards the path, {@code Accept} and {@code X-Request-Id}, and
 * answers with the router's status, body and headers; it counts the requests each router got.
 */
final class RoundRobinBalancer implements AutoCloseable {

    private static final Set<String> NOT_COPIED = Set.of("content-length", "transfer-encoding", "connection", ":status");

    private final List<String> backends;
    private final AtomicInteger turn = new AtomicInteger();
    private final AtomicLongArray forwarded;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final HttpServer server;

    /** Listens on {@code port} of 127.0.0.1 and forwards to {@code backends} (base URLs) in turn. */
    RoundRobinBalancer(int port, List<String> backends) throws IOException {
        this.backends = List.copyOf(backends);
        this.forwarded = new AtomicLongArray(backends.size());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/", this::forward);
        server.setExecutor(threads);
        server.start();
    }

    private void forward(HttpExchange exchange) throws IOException {
        int backend = Math.floorMod(turn.getAndIncrement(), backends.size());
        forwarded.incrementAndGet(backend);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backends.get(backend)
                + exchange.getRequestURI())).timeout(Duration.ofSeconds(5)).GET();
        for (String header : List.of("Accept", "X-Request-Id")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        try (exchange) {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!NOT_COPIED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        } catch (IOException e) {
            exchange.sendResponseHeaders(502, -1);
        }
    }

    /** The base URL clients call. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many requests backend {@code index} was given. */
    long forwardedTo(int index) {
        return forwarded.get(index);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
