package org.movierec.inference.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.movierec.core.model.SvdModel;
import org.movierec.core.recommend.Recommendation;
import org.movierec.inference.models.LoadedModel;
import org.movierec.inference.realtime.FoldedUser;

/**
 * The JSON answer of {@code /recommend/{userId}} ({@code Accept: application/json}).
 *
 * @param userId       the user asked for
 * @param modelVersion the version that answered
 * @param items        best first
 * @param fallback     true when the list is the popularity fallback
 */
public record RecommendationJson(String userId, String modelVersion, List<Item> items, boolean fallback) {

    /** A rated movie explains a recommendation only if the user liked it: rated at least this. */
    private static final double EXPLAIN_LIKED = 4.0;
    /** Liked movies named per recommended one. */
    private static final int EXPLAIN_COUNT = 3;

    /**
     * @param because with {@code ?explain=true}: the user's liked movies most similar to this one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String movieId, double score, List<String> because) {
    }

    /**
     * The JSON answer of a served list.
     *
     * @param userId the user asked for
     * @param served what was answered
     * @param explain whether each item names the user's liked movies most similar to it (from the folded-in
     *     ratings when they were used, else from the ratings the model was trained on)
     * @return the answer
     */
    static RecommendationJson of(String userId, Answer.Served served, boolean explain) {
        LoadedModel loaded = served.model();
        Recommendation r = served.recommendation();
        Optional<FoldedUser> folded = served.folded();
        SvdModel model = loaded.model();
        int[] ratedItems = new int[0];
        float[] ratedValues = new float[0];
        if (explain) {
            if (folded.isPresent()) {
                ratedItems = folded.get().ratedItems();
                ratedValues = folded.get().ratedValues();
            } else {
                int u = model.users().indexOf(userId);
                if (u >= 0) {
                    ratedItems = model.ratedItems().of(u);
                    ratedValues = model.ratedItems().valuesOf(u);
                }
            }
        }
        List<Item> items = new ArrayList<>(r.items().size());
        for (int j = 0; j < r.items().size(); j++) {
            int item = r.items().items()[j];
            List<String> because = null;
            if (explain) {
                because = new ArrayList<>();
                for (int i : loaded.explainer().because(item, ratedItems, ratedValues, EXPLAIN_COUNT, EXPLAIN_LIKED)) {
                    because.add(model.items().idAt(i));
                }
            }
            items.add(new Item(model.items().idAt(item), r.items().scores()[j], because));
        }
        return new RecommendationJson(userId, loaded.version(), items, r.fallback());
    }
}
