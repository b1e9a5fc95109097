package org.movierec.spark;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the Spark engine trains with: the biases' shrinkage, then ALS's rank, sweeps and regularisation.
 *
 * @param rank               factors per user and movie (the SGD engine's {@code train.factors})
 * @param iterations         ALS sweeps (each solves every user's, then every movie's, least squares once)
 * @param regularization     ALS's {@code regParam}: Spark scales it by each user's and movie's rating count
 *                           (ALS-WR, Zhou et al. 2008), so one value suits light and heavy raters
 * @param biasShrinkage      the biases' ridge penalty as a pseudo-count: {@code b = Σ residual / (λ + n)}
 *                           (Koren 2010, §2.1: a movie with few ratings keeps a bias near zero)
 * @param biasPasses         alternating passes over users then movies that fit the biases
 * @param seed               ALS's initialisation seed
 */
public record AlsParams(int rank, int iterations, double regularization, double biasShrinkage, int biasPasses,
                        long seed) {

    /** The {@code algorithm} hyperparameter the engine's model files record. */
    public static final String ALGORITHM = "spark-als-biased";

    public AlsParams {
        require(rank >= 1 && rank <= 4096, "rank must be in 1..4096, got " + rank);
        require(iterations >= 1 && iterations <= 1000, "iterations must be in 1..1000, got " + iterations);
        require(regularization >= 0 && regularization < 10, "regularization must be in [0,10), got " + regularization);
        require(biasShrinkage >= 0 && biasShrinkage < 1e6, "bias shrinkage must be in [0,1e6), got " + biasShrinkage);
        require(biasPasses >= 1 && biasPasses <= 100, "bias passes must be in 1..100, got " + biasPasses);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The parameters as the model file's hyperparameters. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("algorithm", ALGORITHM);
        m.put("factors", Integer.toString(rank));
        m.put("alsIterations", Integer.toString(iterations));
        m.put("alsRegularization", String.format(Locale.ROOT, "%s", regularization));
        m.put("biasShrinkage", String.format(Locale.ROOT, "%s", biasShrinkage));
        m.put("biasPasses", Integer.toString(biasPasses));
        m.put("seed", Long.toString(seed));
        return m;
    }
}
