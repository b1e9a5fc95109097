package org.movierec.registry.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Asks retrain-service to release a version: {@code POST {RETRAIN_URL}/models/{version}/promote} with
 * {@code Authorization: Bearer $RETRAIN_ADMIN_TOKEN}, {@code X-Requested-By} and the body
 * {@code {"reason", "experimentId"}}. retrain-service is the only writer of the production pointer; this client
 * is how the router's canary and the command-line pipeline reach it. The token is never logged or put into a
 * message.
 */
public final class ReleaseClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final String baseUrl;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param retrainUrl base URL of retrain-service, such as {@code http://127.0.0.1:8084}
     * @param token      the retrain admin token; {@code null} or blank sends none (retrain-service answers 401)
     * @param timeout    connect and answer timeout of one call
     */
    public ReleaseClient(String retrainUrl, String token, Duration timeout) {
        Objects.requireNonNull(retrainUrl, "retrainUrl");
        this.baseUrl = retrainUrl.endsWith("/") ? retrainUrl.substring(0, retrainUrl.length() - 1) : retrainUrl;
        this.token = token;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * Releases {@code version} to production. Promoting the version already in production succeeds and changes
     * nothing, so a call repeated after a lost answer is safe.
     *
     * @param reason       why, recorded in the release history
     * @param requestedBy  who asks (letters, digits, {@code . _ - @ :}), recorded as the actor
     * @param experimentId the canary experiment that decided it, or {@code null}
     * @return the release as retrain-service answered it ({@code version, previous, at, ...})
     * @throws ReleaseRefusedException when retrain-service answered an error (its status and detail)
     * @throws IOException             when it cannot be reached or its answer is not JSON
     */
    public Map<String, Object> promote(String version, String reason, String requestedBy, String experimentId)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        if (experimentId != null) {
            body.put("experimentId", experimentId);
        }
        URI uri = URI.create(baseUrl + "/models/" + URLEncoder.encode(version, StandardCharsets.UTF_8) + "/promote");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-Requested-By", requestedBy)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> answer = parse(response.body());
        if (response.statusCode() / 100 == 2) {
            return answer;
        }
        Object detail = answer.getOrDefault("detail", answer.getOrDefault("title", abbreviated(response.body())));
        throw new ReleaseRefusedException(response.statusCode(), String.valueOf(detail));
    }

    /** The JSON object {@code body}; empty when it is not one (an answer from something else than retrain-service). */
    private static Map<String, Object> parse(String body) {
        try {
            Map<String, Object> object = JSON.readValue(body, OBJECT);
            return object == null ? Map.of() : object;
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static String abbreviated(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }
}
