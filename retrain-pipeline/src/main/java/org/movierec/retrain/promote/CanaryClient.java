package org.movierec.retrain.promote;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.retrain.RetrainJson;

/**
 * Starts a canary experiment through the A/B router's admin API: {@code POST {ROUTER_URL}/experiments/canary}
 * with {@code Authorization: Bearer $ROUTER_ADMIN_TOKEN} and {@code {"candidateVersion", "requestedBy"}};
 * 201 answers the experiment (its {@code id}), 409 means a canary is already running; errors are problems
 * ({@code application/problem+json}) whose {@code detail} says why.
 * The token is never logged or put into a message.
 */
public final class CanaryClient {

    private final URI endpoint;
    private final String token;
    private final HttpClient http;
    private final Duration timeout;

    public CanaryClient(String routerUrl, String token, Duration timeout) {
        String base = routerUrl.endsWith("/") ? routerUrl.substring(0, routerUrl.length() - 1) : routerUrl;
        this.endpoint = URI.create(base + "/experiments/canary");
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * Starts the canary of {@code version}.
     *
     * @return the experiment id
     * @throws IOException with the router's status and reason when it refused, or when it cannot be reached
     */
    public String start(String version, String requestedBy) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("candidateVersion", version);
        body.put("requestedBy", requestedBy);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(RetrainJson.write(body)));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 201 || response.statusCode() == 200) {
            Object id = parse(response.body()).get("id");
            if (id == null) {
                throw new IOException("the router started a canary but answered no experiment id");
            }
            return String.valueOf(id);
        }
        String reason = String.valueOf(parse(response.body()).getOrDefault("detail", response.body())); // problem+json
        String what = response.statusCode() == 409 ? "a canary is already running" : "the router refused the canary";
        throw new IOException(what + " (HTTP " + response.statusCode() + "): " + reason);
    }

    private static Map<String, Object> parse(String body) {
        try {
            return RetrainJson.readObject(body);
        } catch (IOException e) {
            return Map.of();
        }
    }
}
