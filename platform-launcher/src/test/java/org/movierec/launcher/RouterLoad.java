package org.movierec.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client load on the router while something happens (a model swap, a broker restart): a few threads
 * calling {@code /recommend/<user>} back to back with the client's 600 ms timeout, counting answers by
 * outcome and the model versions that answered.
 */
final class RouterLoad implements AutoCloseable {

    /** The client's timeout. */
    static final Duration CLIENT_TIMEOUT = Duration.ofMillis(600);

    private final HttpClient client;
    private final Duration timeout;
    private final ExecutorService threads;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();
    private final AtomicLong popularityAnswers = new AtomicLong();
    private final Queue<String> answeredRequestIds = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

    RouterLoad(String routerUrl, int threadCount, int users) {
        this(routerUrl, threadCount, users, CLIENT_TIMEOUT);
    }

    /** As the client would call, but waiting {@code timeout} for an answer (a drill about failures, not latency). */
    RouterLoad(String routerUrl, int threadCount, int users, Duration timeout) {
        this.timeout = timeout;
        client = HttpClient.newBuilder().connectTimeout(timeout).build();
        threads = Executors.newFixedThreadPool(threadCount);
        for (int t = 0; t < threadCount; t++) {
            SplittableRandom random = new SplittableRandom(t * 7919L + 1);
            threads.submit(() -> {
                while (running.get()) {
                    call(routerUrl + "/recommend/" + (1 + random.nextInt(users)));
                }
            });
        }
    }

    private void call(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || response.body().isBlank()) {
                failed.incrementAndGet();
                failures.computeIfAbsent("HTTP " + response.statusCode(), k -> new AtomicLong()).incrementAndGet();
                return;
            }
            ok.incrementAndGet();
            response.headers().firstValue("X-Request-Id").ifPresent(answeredRequestIds::add);
            if (response.headers().firstValue("X-Fallback").isPresent()) {
                popularityAnswers.incrementAndGet();
            }
            String version = response.headers().firstValue("X-Model-Version").orElse("");
            if (version.isEmpty()) {
                fallbacks.incrementAndGet();
            } else {
                versions.computeIfAbsent(version, k -> new AtomicLong()).incrementAndGet();
            }
        } catch (IOException e) {
            failed.incrementAndGet();
            failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long ok() {
        return ok.get();
    }

    long failed() {
        return failed.get();
    }

    long fallbacks() {
        return fallbacks.get();
    }

    /** Answers the router gave from its popularity list ({@code X-Fallback}), inference having failed twice. */
    long popularityAnswers() {
        return popularityAnswers.get();
    }

    /** The {@code X-Request-Id} of every 200 answer: the served events the router published. */
    List<String> answeredRequestIds() {
        return List.copyOf(answeredRequestIds);
    }

    Set<String> versions() {
        return Set.copyOf(versions.keySet());
    }

    Map<String, AtomicLong> failures() {
        return Map.copyOf(failures);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        threads.shutdown();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "RouterLoad[ok " + ok + ", failed " + failed + " " + failures + ", fallbacks " + fallbacks
                + ", popularity answers " + popularityAnswers
                + ", versions " + versions + "]";
    }
}
