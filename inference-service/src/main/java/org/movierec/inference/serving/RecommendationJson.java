package org.movierec.inference.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The JSON answer of {@code /recommend/{userId}} ({@code Accept: application/json}).
 *
 * @param userId       the user asked for
 * @param modelVersion the version that answered
 * @param items        best first
 * @param fallback     true when the list is the popularity fallback
 */
public record RecommendationJson(String userId, String modelVersion, List<Item> items, boolean fallback) {

    /**
     * @param because with {@code ?explain=true}: the user's liked movies most similar to this one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String movieId, double score, List<String> because) {
    }
}
