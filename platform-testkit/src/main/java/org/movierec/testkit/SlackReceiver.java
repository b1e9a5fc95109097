package org.movierec.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A local stand-in for a Slack incoming webhook: an HTTP server on 127.0.0.1 that records every body
 * POSTed to {@link #webhookUrl()} and answers 200 {@code ok} (as Slack does), or a chosen failure status
 * for the next requests ({@link #failNext(int, int)}).
 */
public final class SlackReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<String> posts = new ArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 500;

    private SlackReceiver(HttpServer server) {
        this.server = server;
    }

    /** Starts a receiver on a free loopback port. */
    public static SlackReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SlackReceiver receiver = new SlackReceiver(server);
            server.createContext("/services/T000/B000/test-webhook", exchange -> {
                try (exchange; InputStream in = exchange.getRequestBody()) {
                    String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    if (!"POST".equals(exchange.getRequestMethod())) {
                        exchange.sendResponseHeaders(405, -1);
                        return;
                    }
                    if (receiver.failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        exchange.sendResponseHeaders(receiver.failureStatus, -1);
                        return;
                    }
                    receiver.record(body);
                    byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, ok.length);
                    exchange.getResponseBody().write(ok);
                }
            });
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "slack-receiver");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Slack receiver", e);
        }
    }

    /** The URL to configure as the webhook (shaped like Slack's). */
    public String webhookUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T000/B000/test-webhook";
    }

    /** Answers the next {@code count} posts with {@code status} instead of recording them. */
    public void failNext(int count, int status) {
        failureStatus = status;
        failuresLeft.set(count);
    }

    private synchronized void record(String body) {
        posts.add(body);
        notifyAll();
    }

    /** The bodies received so far, oldest first. */
    public synchronized List<String> posts() {
        return List.copyOf(posts);
    }

    /** Forgets what was received. */
    public synchronized void clear() {
        posts.clear();
    }

    /**
     * Waits until a received body matches {@code match} and returns it.
     *
     * @throws AssertionError if none does within {@code timeout}
     */
    public synchronized String awaitPost(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String post : posts) {
                if (match.test(post)) {
                    return post;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no Slack post matched within " + timeout + "; received " + posts);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
