package org.movierec.retrain.fairness;

/**
 * What a model's recommendation lists expose.
 *
 * @param lists           recommendation lists examined (one per user)
 * @param k               their length
 * @param longTailShare   share of all recommended slots that hold a long-tail movie (one outside the
 *                        popular head that holds the configured share of the training ratings)
 * @param popularityBias  mean popularity (training ratings) of the recommended movies divided by the mean
 *                        popularity of the movies those users rated in training: 1 means the lists are as
 *                        mainstream as the users' own tastes, above 1 means more
 * @param catalogCoverage share of the model's movies recommended to at least one user
 * @param gini            Gini coefficient of the exposure counts over all the model's movies: 0 when every
 *                        movie is recommended equally often, near 1 when a few take every slot
 */
public record ExposureMetrics(int lists, int k, double longTailShare, double popularityBias,
                              double catalogCoverage, double gini) {
}
