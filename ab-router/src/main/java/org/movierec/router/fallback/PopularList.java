package org.movierec.router.fallback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.core.json.JsonReader;

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
        Map<String, Object> o = JsonReader.readObject(json);
        if (!(o.get("items") instanceof List<?> items) || items.isEmpty()) {
            throw new IllegalArgumentException("/popular answered no items");
        }
        List<String> ids = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> m) || !(m.get("movieId") instanceof String id)
                    || !(m.get("score") instanceof Number score)) {
                throw new IllegalArgumentException("/popular item is not {\"movieId\",\"score\"}: " + item);
            }
            ids.add(id);
            scores.add(score.doubleValue());
        }
        Object version = o.get("modelVersion");
        return new PopularList(version instanceof String v ? v : null, ids, scores, fetchedAt, String.join(",", ids));
    }

    /** The JSON answer for {@code userId}, in the shape of the inference service's, with {@code "fallback":true}. */
    public Map<String, Object> toJson(String userId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("userId", userId);
        json.put("modelVersion", modelVersion);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < movieIds.size(); i++) {
            items.add(Map.of("movieId", movieIds.get(i), "score", scores.get(i)));
        }
        json.put("items", items);
        json.put("fallback", true);
        return json;
    }
}
