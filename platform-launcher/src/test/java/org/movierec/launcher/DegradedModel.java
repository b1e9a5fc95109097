package org.movierec.launcher;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.movierec.core.model.SvdModel;

/**
 * A deliberately bad release for the A/B and canary tests: the production model with its movies' factor rows
 * shuffled among the movies (a seeded permutation) and their biases shuffled and negated, so well-liked movies
 * get low predictions. It loads, validates and serves like any model, but its lists have nothing to do with the
 * users' tastes and its predictions miss the ratings users give, so its online RMSE and watch-through are clearly
 * worse.
 */
final class DegradedModel {

    private DegradedModel() {
    }

    static SvdModel of(SvdModel good, long seed) {
        int items = good.items().size();
        int k = good.factors();
        int[] permutation = new int[items];
        for (int i = 0; i < items; i++) {
            permutation[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = items - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
        float[] bias = new float[items];
        float[] factors = new float[items * k];
        for (int i = 0; i < items; i++) {
            bias[i] = -good.itemBias()[permutation[i]];
            System.arraycopy(good.itemFactors(), permutation[i] * k, factors, i * k, k);
        }
        Map<String, String> metadata = new LinkedHashMap<>(good.metadata());
        metadata.put("degraded", "movie factors shuffled, biases shuffled and negated, seed " + seed);
        return new SvdModel(good.users(), good.items(), k, good.globalMean(), good.userBias().clone(), bias,
                good.userFactors().clone(), factors, good.scale(), good.hyperparameters(), metadata,
                good.ratedItems(), good.popularItems().clone());
    }
}
