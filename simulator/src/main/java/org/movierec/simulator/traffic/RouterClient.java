package org.movierec.simulator.traffic;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.movierec.contracts.events.MovieIdCharset;
import org.movierec.contracts.events.MovielogParserConfig;

/**
 * Calls {@code GET <router>/recommend/{userId}} over HTTP with a non-blocking Vert.x client, giving
 * up after the request timeout like the real streaming service (600 ms). Never fails: a refused
 * connection or a timeout is an answer with status 0 and the exception as the error text, written
 * the way real streams log it ({@code java.net.ConnectException: Connection refused}).
 */
public final class RouterClient implements AutoCloseable {

    /** Error texts longer than this are clipped. */
    private static final int MAX_ERROR_LENGTH = 200;

    private final WebClient client;
    private final URI base;
    private final long timeoutMs;
    private final int maxResults;

    public RouterClient(Vertx vertx, String routerUrl, long timeoutMs) {
        this.base = parse(routerUrl);
        this.timeoutMs = timeoutMs;
        this.maxResults = MovielogParserConfig.DEFAULT.maxResults();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setDefaultHost(base.getHost())
                .setDefaultPort(port(base))
                .setSsl("https".equals(base.getScheme()))
                .setConnectTimeout((int) Math.max(1, timeoutMs))
                .setMaxPoolSize(256)
                .setKeepAlive(true));
    }

    /** The {@code host:port} of the router, as request lines name the server. */
    public String server() {
        return base.getHost() + ":" + port(base);
    }

    /** Asks for user {@code userId}'s list; the stage always completes normally. */
    public CompletionStage<RouterAnswer> recommend(long userId) {
        long start = System.nanoTime();
        CompletableFuture<RouterAnswer> answer = new CompletableFuture<>();
        client.get(recommendPath(userId)).putHeader("Accept", "text/plain").timeout(timeoutMs).send().onComplete(result -> {
            int latency = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
            answer.complete(result.succeeded() ? fromResponse(result.result(), latency) : fromFailure(result.cause(), latency));
        });
        return answer;
    }

    /**
     * Asks for user {@code userId}'s list like {@link #recommend}, and also reads how it was served from the answer's
     * headers (the viewer's app shows them); the stage always completes normally.
     */
    public CompletionStage<ServedAnswer> recommendServed(long userId) {
        long start = System.nanoTime();
        CompletableFuture<ServedAnswer> answer = new CompletableFuture<>();
        client.get(recommendPath(userId)).putHeader("Accept", "text/plain").timeout(timeoutMs).send().onComplete(result -> {
            int latency = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
            if (result.succeeded()) {
                HttpResponse<Buffer> response = result.result();
                answer.complete(new ServedAnswer(fromResponse(response, latency), response.getHeader("X-Model-Version"),
                        response.getHeader("X-Experiment"), response.getHeader("X-Arm"), response.getHeader("X-Fallback")));
            } else {
                answer.complete(new ServedAnswer(fromFailure(result.cause(), latency), null, null, null, null));
            }
        });
        return answer;
    }

    private String recommendPath(long userId) {
        return (base.getPath() == null ? "" : stripSlash(base.getPath())) + "/recommend/" + userId;
    }

    private RouterAnswer fromResponse(HttpResponse<Buffer> response, int latency) {
        String body = response.bodyAsString();
        int status = Math.min(999, response.statusCode());
        if (status < 200 || status > 299) {
            return new RouterAnswer(status, List.of(), errorText(firstLine(body)), latency);
        }
        return new RouterAnswer(status, movieIds(body), null, latency);
    }

    private static RouterAnswer fromFailure(Throwable cause, int latency) {
        String error;
        if (cause instanceof ConnectException) {
            error = "java.net.ConnectException: Connection refused";
        } else if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
            error = "java.net.SocketTimeoutException: Read timed out";
        } else {
            error = cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        return new RouterAnswer(0, List.of(), errorText(error), latency);
    }

    /** The movie ids of a plain-text answer ({@code id1,id2,...}); tokens that are no valid movie id are skipped. */
    List<String> movieIds(String body) {
        List<String> ids = new ArrayList<>();
        if (body == null) {
            return ids;
        }
        for (String token : firstLine(body).split(",")) {
            String id = token.trim();
            if (isMovieId(id) && ids.size() < maxResults) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static boolean isMovieId(String id) {
        if (id.isEmpty() || id.length() > MovielogParserConfig.DEFAULT.maxMovieIdLength()) {
            return false;
        }
        for (int k = 0; k < id.length(); k++) {
            if (!MovieIdCharset.DEFAULT.contains(id.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** An error text fit for a line: no control characters, clipped. */
    static String errorText(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_ERROR_LENGTH));
        for (int k = 0; k < text.length() && sb.length() < MAX_ERROR_LENGTH; k++) {
            char c = text.charAt(k);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        return sb.toString().trim();
    }

    private static String firstLine(String body) {
        if (body == null) {
            return "";
        }
        int end = body.indexOf('\n');
        return end < 0 ? body : body.substring(0, end);
    }

    private static URI parse(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("simulator.router-url is not a URL: " + url, e);
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("simulator.router-url must be http(s)://host[:port][/path], got " + url);
        }
        return uri;
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Override
    public void close() {
        client.close();
    }
}
