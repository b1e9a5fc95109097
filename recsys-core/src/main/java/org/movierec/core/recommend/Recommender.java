package org.movierec.core.recommend;

import java.util.Arrays;
import java.util.BitSet;
import org.movierec.core.foldin.UserVector;
import org.movierec.core.model.SvdModel;
import org.movierec.core.topn.ScoredItems;
import org.movierec.core.topn.TopNScorer;

/**
 * Recommends from one model: a known user gets the model's top-N without the movies they already know from
 * training (rated, and for an implicit-feedback model also watched: its implicit set), as a folded-in user's list
 * leaves out what they rated or watched since; an unknown user gets the popularity ranking (marked as fallback).
 * Built once per model, at load time; immutable and thread-safe.
 */
public final class Recommender {

    private final SvdModel model;
    private final TopNScorer scorer;
    /**
     * Each thread's set of the movies a user knows, filled and cleared around one list: a set sized to the catalogue
     * per request was a quarter of the bytes inference allocated serving 27,000 movies (3.4 KB of 12), and young
     * collections set the p99 (docs/BENCHMARKS.md, section "Issue 16, serving p99 at the scenario's size").
     */
    private final ThreadLocal<BitSet> known;

    public Recommender(SvdModel model) {
        this.model = model;
        this.scorer = new TopNScorer(model);
        this.known = ThreadLocal.withInitial(() -> new BitSet(model.items().size()));
    }

    public SvdModel model() {
        return model;
    }

    /** Top {@code n} for an external user id. */
    public Recommendation forUser(String userId, int n) {
        int user = model.users().indexOf(userId);
        if (user < 0) {
            return popular(n, null);
        }
        BitSet seen = known.get();
        try {
            model.ratedItems().addTo(user, seen);
            model.implicitFactors().ifPresent(implicit -> implicit.items().addTo(user, seen));
            ScoredItems top = scorer.top(model.userBias()[user], model.userFactors(), user * model.factors(), n, seen);
            return new Recommendation(top, false);
        } finally {
            seen.clear();
        }
    }

    /**
     * Top {@code n} for a user vector computed outside the model (fold-in), excluding {@code rated}
     * (may be null).
     */
    public Recommendation forVector(UserVector vector, BitSet rated, int n) {
        return new Recommendation(scorer.top(vector.bias(), vector.factors(), 0, n, rated), false);
    }

    /**
     * The {@code n} most popular items not in {@code excluded} (may be null), scored by the model's
     * baseline {@code μ + b_i}. Without a popularity ranking in the model, items rank by that baseline.
     */
    public Recommendation popular(int n, BitSet excluded) {
        int[] ranking = model.popularItems();
        if (ranking.length == 0) {
            float[] baseline = new float[model.items().size()];
            for (int i = 0; i < baseline.length; i++) {
                baseline[i] = model.globalMean() + model.itemBias()[i];
            }
            return new Recommendation(TopNScorer.select(baseline, n, excluded), true);
        }
        int[] items = new int[Math.min(n, ranking.length)];
        float[] scores = new float[items.length];
        int size = 0;
        for (int j = 0; j < ranking.length && size < items.length; j++) {
            int i = ranking[j];
            if (excluded == null || !excluded.get(i)) {
                items[size] = i;
                scores[size] = model.globalMean() + model.itemBias()[i];
                size++;
            }
        }
        return new Recommendation(new ScoredItems(Arrays.copyOf(items, size), Arrays.copyOf(scores, size)), true);
    }
}
