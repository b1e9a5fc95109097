package org.movierec.simulator.viewer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.movierec.contracts.events.ServedEventHeaders;

/**
 * The app's reads of the platform besides the list: the inference service's explanation of a version's list and
 * the collector's record of a user. Never fails: an unreachable service, a timeout, a non-2xx answer or a body
 * that is not JSON is a {@link Read.Failed} with the reason, which the app shows instead of the panel.
 */
@ApplicationScoped
public class PlatformReads {

    @Inject
    ViewerConfig config;

    @Inject
    ObjectMapper json;

    private HttpClient http;

    /** A read's outcome. */
    public sealed interface Read {
        /** The answer's JSON. */
        record Answered(JsonNode body) implements Read {
        }

        /** Why there is none. */
        record Failed(String reason) implements Read {
        }
    }

    @PostConstruct
    void start() {
        http = HttpClient.newBuilder().connectTimeout(config.callTimeout()).build();
    }

    /**
     * {@code GET <inference>/recommend/{userId}?explain=true&model=VERSION}: version {@code modelVersion}'s list with
     * each item's reasons. It says the router publishes the served event ({@link ServedEventHeaders}) so that inference
     * publishes none: an explanation is another look at a list already shown, not a new list served to the person,
     * and counting it would add an impression to the telemetry that nobody saw.
     */
    public CompletionStage<Read> explanation(long userId, String modelVersion) {
        String path = "/recommend/" + userId + "?explain=true&model=" + URLEncoder.encode(modelVersion, StandardCharsets.UTF_8);
        return get(config.inferenceUrl(), path, ServedEventHeaders.PUBLISHED_BY, ServedEventHeaders.ROUTER);
    }

    /** {@code GET <collector>/users/{userId}/activity}: the user's watches, ratings, served lists and predictions. */
    public CompletionStage<Read> activity(long userId) {
        return get(config.telemetryUrl(), "/users/" + userId + "/activity", "X-Request-Id", "viewer-activity");
    }

    private CompletionStage<Read> get(String base, String path, String header, String value) {
        URI uri = URI.create(stripSlash(base) + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.callTimeout())
                .header("Accept", "application/json").header(header, value).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                return new Read.Failed(uri.getHost() + ":" + uri.getPort() + " did not answer ("
                        + cause.getClass().getSimpleName() + ")");
            }
            if (response.statusCode() / 100 != 2) {
                return new Read.Failed(uri.getHost() + ":" + uri.getPort() + " answered " + response.statusCode()
                        + detail(response.body()));
            }
            try {
                return new Read.Answered(json.readTree(response.body()));
            } catch (JsonProcessingException e) {
                return new Read.Failed(uri.getHost() + ":" + uri.getPort() + " answered no JSON");
            }
        });
    }

    /** The {@code detail} of a problem+json answer, if it is one. */
    private String detail(String body) {
        try {
            JsonNode problem = json.readTree(body);
            return problem != null && problem.hasNonNull("detail") ? ": " + problem.get("detail").asText() : "";
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
