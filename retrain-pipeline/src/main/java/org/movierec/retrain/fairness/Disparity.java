package org.movierec.retrain.fairness;

/**
 * The spread of one metric across the groups of one dimension: the best and worst group and the
 * absolute difference between them. Only groups with at least the minimum number of users count.
 *
 * @param dimension  e.g. {@code age_band}
 * @param metric     {@code rmse} (lower is better) or {@code precision} (higher is better)
 * @param bestGroup  the group with the best value
 * @param best       its value
 * @param worstGroup the group with the worst value
 * @param worst      its value
 * @param disparity  {@code |best - worst|}; 0 when fewer than two groups count
 * @param groups     how many groups counted
 */
public record Disparity(String dimension, String metric, String bestGroup, double best, String worstGroup,
                        double worst, double disparity, int groups) {
}
