package org.movierec.router.report;

import org.movierec.router.stats.ProportionTest;
import org.movierec.router.stats.SequentialTest;
import org.movierec.router.stats.WelchTest;

/**
 * One arm against the baseline (control). Each test is null when either arm lacks the data it needs.
 *
 * @param arm the compared arm (treatment)
 * @param baseline the control arm
 * @param rmseDifference RMSE(arm) − RMSE(baseline), NaN without ratings
 * @param squaredErrors Welch's t-test on the squared errors (difference of MSEs, fixed horizon)
 * @param watchThrough the two-proportion z-test on the watch-through rates (fixed horizon)
 * @param sequentialMse the mSPRT look at the difference of MSEs (always valid)
 * @param sequentialWatchThrough the mSPRT look at the difference of watch-through rates (always valid)
 * @param rmseDecision the sequential decision on RMSE, in words
 * @param watchThroughDecision the sequential decision on watch-through, in words
 */
public record ArmComparison(String arm, String baseline, double rmseDifference, WelchTest squaredErrors,
        ProportionTest watchThrough, SequentialTest.Look sequentialMse, SequentialTest.Look sequentialWatchThrough,
        String rmseDecision, String watchThroughDecision) {
}
