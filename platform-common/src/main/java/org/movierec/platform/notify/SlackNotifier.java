package org.movierec.platform.notify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts notices to a Slack incoming webhook ({@code {"text": "..."}}, Slack's documented payload).
 *
 * <p>The webhook URL is a secret: it comes from the environment, is never logged and never appears in
 * {@link #toString()}. A notice never fails its caller: {@link #send(String)} completes with
 * {@code true} when Slack answered 2xx and with {@code false} otherwise (after one retry on a 429, a 5xx
 * or a network error); {@link #sent()} and {@link #failed()} count both outcomes for a service's metrics.
 * With no URL configured the notifier is {@linkplain #disabled() disabled}: notices are counted as
 * {@link #skipped()} and dropped, which is the documented behaviour of a platform without Slack.
 *
 * <p>Thread-safe; one instance per service.
 */
public final class SlackNotifier {

    private static final System.Logger LOG = System.getLogger(SlackNotifier.class.getName());

    private final URI webhook;
    private final HttpClient client;
    private final Duration timeout;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    private SlackNotifier(URI webhook, Duration timeout) {
        this.webhook = webhook;
        this.timeout = timeout;
        this.client = webhook == null ? null
                : HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * A notifier posting to {@code webhookUrl}, or a disabled one when it is {@code null} or blank.
     *
     * @throws IllegalArgumentException if the URL is not an absolute http(s) URL (the message does not
     *     repeat the URL: it is a secret)
     */
    public static SlackNotifier of(String webhookUrl, Duration timeout) {
        if (webhookUrl == null || webhookUrl.isBlank()) {
            return disabled();
        }
        URI uri;
        try {
            uri = URI.create(webhookUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Slack webhook URL is not a valid URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("Slack webhook URL must be an absolute http(s) URL");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return new SlackNotifier(uri, timeout);
    }

    /** A notifier that posts nothing (no webhook configured). */
    public static SlackNotifier disabled() {
        return new SlackNotifier(null, Duration.ofSeconds(1));
    }

    /** Whether a webhook is configured. */
    public boolean enabled() {
        return webhook != null;
    }

    /**
     * Posts {@code text} (Slack mrkdwn) asynchronously.
     *
     * @return completes with whether Slack accepted the notice; never completes exceptionally
     */
    public CompletableFuture<Boolean> send(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a notice needs text");
        }
        if (webhook == null) {
            skipped.incrementAndGet();
            return CompletableFuture.completedFuture(false);
        }
        String body = message(text);
        return attempt(body, 1).thenApply(ok -> {
            (ok ? sent : failed).incrementAndGet();
            return ok;
        });
    }

    private CompletableFuture<Boolean> attempt(String body, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(webhook)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    if (error == null && response.statusCode() / 100 == 2) {
                        return CompletableFuture.completedFuture(true);
                    }
                    String why = error != null ? error.getClass().getSimpleName() : "HTTP " + response.statusCode();
                    boolean retryable = error != null || response.statusCode() == 429 || response.statusCode() >= 500;
                    if (retryable && attempt == 1) {
                        LOG.log(System.Logger.Level.INFO, "Slack notice failed ({0}), retrying once", why);
                        return attempt(body, 2);
                    }
                    LOG.log(System.Logger.Level.WARNING, "Slack notice not delivered: {0}", why);
                    return CompletableFuture.completedFuture(false);
                })
                .thenCompose(f -> f);
    }

    /** Notices Slack accepted. */
    public long sent() {
        return sent.get();
    }

    /** Notices not delivered (after the retry). */
    public long failed() {
        return failed.get();
    }

    /** Notices dropped because no webhook is configured. */
    public long skipped() {
        return skipped.get();
    }

    @Override
    public String toString() {
        return enabled() ? "SlackNotifier[webhook configured]" : "SlackNotifier[disabled]";
    }

    /** Slack's incoming-webhook payload, {@code {"text": ...}}. */
    private static String message(String text) {
        return JsonNodeFactory.instance.objectNode().put("text", text).toString();
    }
}
