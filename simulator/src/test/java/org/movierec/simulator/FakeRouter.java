package org.movierec.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A tiny HTTP server standing in for the router: {@code GET /recommend/{userId}} answers the
 * comma-separated list {@link #answers} gives for the user, in plain text, like the inference service.
 */
public final class FakeRouter implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final AtomicLong calls = new AtomicLong();
    private volatile LongFunction<List<String>> answers = user -> List.of();
    private volatile int status = 200;
    private volatile String errorBody = "";
    private volatile long delayMs;

    private FakeRouter(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.createContext("/recommend/", exchange -> {
            calls.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            long user = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int answer = status;
            byte[] body = (answer == 200 ? String.join(",", answers.apply(user)) + "\n" : errorBody).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(answer, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    /** Starts on the port of the simulator's {@code simulator.router-url}. */
    public static FakeRouter atConfiguredUrl() {
        URI url = URI.create(ConfigProvider.getConfig().getValue("simulator.router-url", String.class));
        try {
            return new FakeRouter(url.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From now on, answers 200 with {@code answers.apply(userId)}, at once. */
    public void answer(LongFunction<List<String>> answers) {
        this.answers = answers;
        this.status = 200;
        this.delayMs = 0;
    }

    /** From now on, answers {@code status} with {@code body}. */
    public void fail(int status, String body) {
        this.errorBody = body;
        this.status = status;
    }

    /** From now on, waits this long before answering. */
    public void delay(long millis) {
        this.delayMs = millis;
    }

    public long calls() {
        return calls.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
