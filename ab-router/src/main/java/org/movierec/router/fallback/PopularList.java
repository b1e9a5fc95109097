package org.movierec.router.fallback;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.movierec.router.RouterJson;

/**
 * The production model's most popular movies, as {@code GET /popular} of the inference service answers
 * them ({@code {"modelVersion","items":[{"movieId","score"}]}}), ready to answer from.
 *
 * @param modelVersion the version whose list it is
 * @param movieIds the movies, best first
 * @param scores their popularity scores, in the same order
 * @param fetchedAt when the router fetched it
 * @param line the text/plain answer: the ids, comma-separated
 */
public record PopularList(String modelVersion, List<String> movieIds, List<Double> scores, Instant fetchedAt,
        String line) {

    public PopularList {
        movieIds = List.copyOf(movieIds);
        scores = List.copyOf(scores);
    }

    /**
     * Reads the JSON answer of {@code /popular}.
     *
     * @throws IllegalArgumentException if it is not in that shape or has no items
     */
    public static PopularList fromJson(String json, Instant fetchedAt) {
        JsonNode answer = RouterJson.read(json);
        if (!answer.isObject()) {
            throw new IllegalArgumentException("/popular did not answer a JSON object");
        }
        JsonNode items = answer.path("items");
        if (!items.isArray() || items.isEmpty()) {
            throw new IllegalArgumentException("/popular answered no items");
        }
        List<String> ids = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.path("movieId").isTextual() || !item.path("score").isNumber()) {
                throw new IllegalArgumentException("/popular item is not {\"movieId\",\"score\"}: " + item);
            }
            ids.add(item.get("movieId").textValue());
            scores.add(item.get("score").doubleValue());
        }
        JsonNode version = answer.path("modelVersion");
        return new PopularList(version.isTextual() ? version.textValue() : null, ids, scores, fetchedAt,
                String.join(",", ids));
    }

    /** The JSON answer for {@code userId}, in the shape of the inference service's, with {@code "fallback":true}. */
    public FallbackAnswer toJson(String userId) {
        List<FallbackAnswer.Item> items = new ArrayList<>(movieIds.size());
        for (int i = 0; i < movieIds.size(); i++) {
            items.add(new FallbackAnswer.Item(movieIds.get(i), scores.get(i)));
        }
        return new FallbackAnswer(userId, modelVersion, items, true);
    }

    /**
     * The fallback's JSON answer, the shape of the inference service's {@code /recommend} answer.
     *
     * @param userId the user asked for
     * @param modelVersion the version whose popularity list it is
     * @param items best first
     * @param fallback always true
     */
    public record FallbackAnswer(String userId, String modelVersion, List<Item> items, boolean fallback) {

        /** One movie and its popularity score. */
        public record Item(String movieId, double score) {
        }
    }
}
