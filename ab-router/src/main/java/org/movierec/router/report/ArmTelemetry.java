package org.movierec.router.report;

import org.movierec.router.stats.SampleSummary;

/**
 * What the telemetry tables hold about one arm of one experiment over a period.
 *
 * @param arm the arm's name
 * @param users distinct users served
 * @param attempts served events of the arm: answers plus failed upstream attempts
 * @param answered answers with status 200 (from the model or the fallback)
 * @param errors failed upstream attempts (status ≥ 500)
 * @param fallbacks answers from the popularity fallback
 * @param watched answers followed by a watch of one of their movies within the window
 * @param latencyP50Ms median latency of the answers, NaN without any
 * @param latencyP99Ms 99th percentile latency of the answers, NaN without any
 * @param squaredErrors the squared online prediction errors (predicted − rating)² of the arm's ratings
 */
public record ArmTelemetry(String arm, long users, long attempts, long answered, long errors, long fallbacks,
        long watched, double latencyP50Ms, double latencyP99Ms, SampleSummary squaredErrors) {

    /** An arm with no data. */
    public static ArmTelemetry empty(String arm) {
        return new ArmTelemetry(arm, 0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, SampleSummary.EMPTY);
    }

    /** Rated predictions. */
    public long ratings() {
        return squaredErrors.count();
    }

    /** √(mean squared error), NaN without ratings. */
    public double rmse() {
        return Math.sqrt(squaredErrors.mean());
    }

    /** errors / attempts, NaN without attempts. */
    public double errorRate() {
        return attempts == 0 ? Double.NaN : (double) errors / attempts;
    }

    /** fallbacks / answered, NaN without answers. */
    public double fallbackRate() {
        return answered == 0 ? Double.NaN : (double) fallbacks / answered;
    }

    /** watched / answered, NaN without answers. */
    public double watchThroughRate() {
        return answered == 0 ? Double.NaN : (double) watched / answered;
    }
}
