package org.movierec.router.report;

import org.movierec.router.experiments.Metric;
import org.movierec.router.stats.ConfidenceInterval;
import org.movierec.router.stats.RelativeEffect;

/**
 * One metric of one arm against control, with user-level uncertainty: the values, their difference with its normal
 * interval, and the relative effect (treatment / control − 1) with its delta-method interval. Null parts mean too
 * little data (fewer than two users in an arm with the metric's denominator).
 *
 * @param metric the metric
 * @param control control's value (watch-through rate, RMSE, error rate, p99 in ms)
 * @param treatment the arm's value
 * @param difference treatment − control
 * @param interval the interval of the difference, null without one
 * @param relative the relative effect with its interval, null without one
 * @param pValue the two-sided fixed-horizon p-value of "no difference" (normal, user-level variance), NaN without
 */
public record Effect(Metric metric, double control, double treatment, double difference, ConfidenceInterval interval,
        RelativeEffect relative, double pValue) {

    /** An effect that could not be estimated (values may still be known). */
    public static Effect unknown(Metric metric, double control, double treatment) {
        return new Effect(metric, control, treatment, treatment - control, null, null, Double.NaN);
    }

    /** Whether it was estimated. */
    public boolean known() {
        return interval != null;
    }
}
