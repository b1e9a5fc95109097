package org.movierec.retrain.fairness;

/**
 * Accuracy of a model for one group of users on a test set.
 *
 * @param dimension      what the groups are cut by, e.g. {@code gender}
 * @param group          the group, e.g. {@code F}
 * @param users          test users in the group
 * @param ratings        test ratings of the group (the RMSE is over them)
 * @param rmse           RMSE over the group's test ratings; NaN when it has none
 * @param usersEvaluated users with at least one relevant test item (the precision is over them)
 * @param precision      mean precision@k of those users; NaN when there are none
 */
public record GroupMetrics(String dimension, String group, int users, int ratings, double rmse,
                           int usersEvaluated, double precision) {
}
