package org.movierec.router.report;

import java.time.Instant;
import java.util.Map;
import org.movierec.router.experiments.WeightPeriod;
import org.movierec.router.stats.UserTotals;

/**
 * One weight period's data: a change of weights moves users between arms, so each period is its own comparison
 * and its own sample-ratio check.
 *
 * @param period the weights and when they took effect
 * @param from the period's start within the analysis window
 * @param to its end (the next change, or the window's end)
 * @param users distinct users per arm in the period
 * @param watchThrough per arm, per-user watch-through sums in the period
 * @param squaredErrors per arm, per-user squared error sums in the period
 */
public record PeriodSnapshot(WeightPeriod period, Instant from, Instant to, Map<String, Long> users,
        Map<String, UserTotals> watchThrough, Map<String, UserTotals> squaredErrors) {
}
