package org.movierec.router.report;

import org.movierec.router.RouterConfig;
import org.movierec.router.experiments.Metric;
import org.movierec.router.stats.SequentialTest;

/**
 * The analysis settings a report is computed with (from {@code router.report.*}): levels, power, the sequential
 * tests' τ and the smallest effects worth detecting.
 *
 * @param alpha the level of the primary metric (sequential and fixed-horizon)
 * @param guardrailAlpha the level of each guardrail's sequential test
 * @param power the power of the sample-size figures
 * @param tauMse mSPRT τ on the MSE difference
 * @param tauWatchThrough mSPRT τ on the watch-through difference
 * @param tauErrorRate mSPRT τ on the error-rate difference
 * @param effectWatchThrough the smallest watch-through difference worth detecting
 * @param effectRmse the smallest RMSE difference worth detecting
 * @param effectErrorRate the smallest error-rate difference worth detecting
 * @param maxP99IncreaseMs the p99 guardrail: the most the arm's p99 may exceed control's
 */
public record ReportSettings(double alpha, double guardrailAlpha, double power, double tauMse,
        double tauWatchThrough, double tauErrorRate, double effectWatchThrough, double effectRmse,
        double effectErrorRate, double maxP99IncreaseMs) {

    /** The look key of the paired comparison's sequential test (both models on the same ratings). */
    public static final String PAIRED_RMSE = "paired-rmse";

    /** The settings of {@code config}. */
    public static ReportSettings of(RouterConfig config) {
        RouterConfig.Report r = config.report();
        return new ReportSettings(r.alpha(), r.guardrailAlpha(), r.power(), r.tauMse(), r.tauWatchThrough(),
                r.tauErrorRate(), r.effectOfInterest().watchThrough(), r.effectOfInterest().rmse(),
                r.effectOfInterest().errorRate(), config.canary().maxP99Increase().toNanos() / 1e6);
    }

    /** The sequential test of {@code metric} at level {@code level} (RMSE: on the MSE difference). */
    public SequentialTest test(Metric metric, double level) {
        double tau = switch (metric) {
            case WATCH_THROUGH -> tauWatchThrough;
            case RMSE -> tauMse;
            case ERROR_RATE -> tauErrorRate;
            case LATENCY_P99 -> throw new IllegalArgumentException("p99 has no sequential test");
        };
        return new SequentialTest(tau, level);
    }

    /** The smallest difference worth detecting on {@code metric}. */
    public double effectOfInterest(Metric metric) {
        return switch (metric) {
            case WATCH_THROUGH -> effectWatchThrough;
            case RMSE -> effectRmse;
            case ERROR_RATE -> effectErrorRate;
            case LATENCY_P99 -> maxP99IncreaseMs;
        };
    }
}
