package org.movierec.router.report;

import org.movierec.router.experiments.Metric;

/**
 * One metric of one arm against control as the decision sees it: the effect, what the sequential test stored at
 * its last look, and what the sample can tell.
 *
 * @param metric the metric
 * @param role {@code primary} or {@code guardrail}
 * @param effect the effect now, with user-level intervals (fixed-horizon)
 * @param designEffect the user-level variance of the difference over the variance it would have if every request
 *     (or rating) were independent; NaN without data
 * @param cupedVarianceReduction the share of the variance CUPED removed with the users' pre-period values, NaN when
 *     not applied (only watch-through has a pre-period covariate)
 * @param testDifference the difference the sequential test looks at (MSE for RMSE), NaN without data
 * @param testVariance its variance
 * @param alpha the level of this metric's decision (the primary's α or the guardrails' α)
 * @param alwaysValid the stored always-valid p-value and its looks, null before the first look
 * @param fixedHorizonValid whether the fixed-horizon p-value may be acted on now (the planned sample is reached)
 * @param minimumDetectableEffect the smallest difference detectable now at the configured power, NaN without data
 * @param effectOfInterest the configured smallest difference worth detecting
 * @param requiredUsersPerArm users per arm needed to detect {@code effectOfInterest} at the configured power, -1
 *     without data
 * @param moreUsersPerArm how many more users per arm that is (0 when reached)
 * @param verdict in words
 * @param breached for a guardrail, whether it is worse beyond its limit
 */
public record MetricComparison(Metric metric, String role, Effect effect, double designEffect,
        double cupedVarianceReduction, double testDifference, double testVariance, double alpha,
        SequentialLooks.Summary alwaysValid, boolean fixedHorizonValid, double minimumDetectableEffect,
        double effectOfInterest, long requiredUsersPerArm, long moreUsersPerArm, String verdict, boolean breached) {

    /** The primary metric's role. */
    public static final String PRIMARY = "primary";
    /** A guardrail's role. */
    public static final String GUARDRAIL = "guardrail";

    /** Whether the stored always-valid p-value is below this metric's α. */
    public boolean significant() {
        return alwaysValid != null && alwaysValid.pValue() < alpha;
    }

    /** Whether the arm is better than control on this metric (by the sign of the difference). */
    public boolean better() {
        return metric.higherIsBetter() ? effect.difference() > 0 : effect.difference() < 0;
    }
}
