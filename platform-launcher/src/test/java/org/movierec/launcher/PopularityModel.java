package org.movierec.launcher;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.core.model.SvdModel;

/**
 * The popularity list as a model version, so an experiment arm can serve it: the production model's users, movies
 * and popularity ranking with every factor zero, no user bias and movie biases falling with the popularity rank.
 * Every user's list is then the popularity list (less the movies they rated): what a user the model cannot
 * personalise gets. Explicit-only (no implicit factors), so watches change nothing in it either.
 */
final class PopularityModel {

    /** Bias step between consecutive popularity ranks: small enough to stay inside the rating scale. */
    private static final float STEP = 1e-4f;

    private PopularityModel() {
    }

    static SvdModel of(SvdModel production) {
        int items = production.items().size();
        int k = production.factors();
        int[] ranking = production.popularItems();
        float[] bias = new float[items];
        Arrays.fill(bias, -STEP * (ranking.length + 1)); // movies outside the ranking come last
        for (int rank = 0; rank < ranking.length; rank++) {
            bias[ranking[rank]] = -STEP * rank;
        }
        Map<String, String> hyperparameters = new LinkedHashMap<>(production.hyperparameters());
        hyperparameters.put("algorithm", "popularity");
        Map<String, String> metadata = new LinkedHashMap<>(production.metadata());
        metadata.put("popularity", "the popularity ranking of " + production.metadata().getOrDefault("version", "production"));
        return new SvdModel(production.users(), production.items(), k, production.globalMean(),
                new float[production.users().size()], bias, new float[production.users().size() * k],
                new float[items * k], production.scale(), hyperparameters, metadata, production.ratedItems(),
                ranking.clone());
    }
}
