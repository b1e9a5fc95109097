package org.movierec.core.metrics;

/**
 * Top-k ranking quality of a model, averaged over the evaluated users.
 *
 * @param k               length of each user's recommendation list
 * @param threshold       a test rating at or above it makes the item relevant
 * @param usersEvaluated  test users with at least one relevant item; the averages are over them
 * @param precision       mean precision@k, NaN when no user was evaluated
 * @param recall          mean recall@k, NaN when no user was evaluated
 * @param ndcg            mean NDCG@k, NaN when no user was evaluated
 * @param catalogCoverage share of the model's items that appear in at least one evaluated user's top-k
 */
public record RankingSummary(int k, double threshold, int usersEvaluated, double precision, double recall,
                             double ndcg, double catalogCoverage) {
}
