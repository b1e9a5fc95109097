package org.movierec.core.recommend;

import org.movierec.core.model.SvdModel;

/**
 * Answers "why this movie?": among the movies a user rated, those whose item factors are most similar
 * (cosine) to a recommended movie's, among those the user liked (rated at least the user's threshold).
 * Built once per model (it precomputes the factor norms); immutable and thread-safe.
 */
public final class Explainer {

    private final SvdModel model;
    private final float[] inverseNorms;

    public Explainer(SvdModel model) {
        this.model = model;
        int k = model.factors();
        float[] q = model.itemFactors();
        this.inverseNorms = new float[model.items().size()];
        for (int i = 0; i < inverseNorms.length; i++) {
            double norm = Math.sqrt(SvdModel.dot(q, i * k, q, i * k, k));
            inverseNorms[i] = norm > 0 ? (float) (1 / norm) : 0f;
        }
    }

    /**
     * Up to {@code max} of {@code rated} (item indices, with their ratings in {@code ratings}) most
     * similar to {@code item}, best first, considering only ratings of at least {@code liked}.
     */
    public int[] because(int item, int[] rated, float[] ratings, int max, double liked) {
        int k = model.factors();
        float[] q = model.itemFactors();
        float[] similarity = new float[rated.length];
        java.util.BitSet excluded = new java.util.BitSet(rated.length);
        for (int j = 0; j < rated.length; j++) {
            if (ratings[j] < liked || rated[j] == item) {
                excluded.set(j);
                continue;
            }
            similarity[j] = SvdModel.dot(q, item * k, q, rated[j] * k, k) * inverseNorms[item] * inverseNorms[rated[j]];
        }
        int[] best = org.movierec.core.topn.TopNScorer.select(similarity, max, excluded).items();
        int[] items = new int[best.length];
        for (int j = 0; j < best.length; j++) {
            items[j] = rated[best[j]];
        }
        return items;
    }
}
