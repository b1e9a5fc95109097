package org.movierec.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
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

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(600)).build();
    private final ExecutorService threads;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();
    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

    RouterLoad(String routerUrl, int threadCount, int users) {
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(600)).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || response.body().isBlank()) {
                failed.incrementAndGet();
                failures.computeIfAbsent("HTTP " + response.statusCode(), k -> new AtomicLong()).incrementAndGet();
                return;
            }
            ok.incrementAndGet();
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
                + ", versions " + versions + "]";
    }
}
