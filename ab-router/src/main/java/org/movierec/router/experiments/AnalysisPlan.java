package org.movierec.router.experiments;

import java.util.List;

/**
 * What an experiment declared at creation about its analysis: the one metric its decision rests on, the guardrails
 * that must not get worse, and optionally the sample it planned for.
 *
 * <p>The decision uses the primary metric's sequential test at the configured alpha; each guardrail is tested with
 * its own (smaller) alpha, so looking at several guardrails does not make a false alarm likely. Fixed-horizon
 * p-values (Welch, two-proportion z) are only valid to act on once every arm reached {@code plannedUsersPerArm};
 * without a plan they are descriptive and only the always-valid (sequential) p-values are to be acted on.
 *
 * @param primary the primary metric ({@link Metric#canBePrimary()})
 * @param guardrails the guardrail metrics, not including the primary, no duplicates
 * @param plannedUsersPerArm the users per arm the experiment planned for, or null without a plan
 */
public record AnalysisPlan(Metric primary, List<Metric> guardrails, Long plannedUsersPerArm) {

    /** The plan of an A/B test that declares none: watch-through decides, RMSE, errors and p99 guard. */
    public static final AnalysisPlan AB_DEFAULT = new AnalysisPlan(Metric.WATCH_THROUGH,
            List.of(Metric.RMSE, Metric.ERROR_RATE, Metric.LATENCY_P99), null);

    /** The plan of a canary: online RMSE decides (a new model must predict no worse), errors and p99 guard. */
    public static final AnalysisPlan CANARY = new AnalysisPlan(Metric.RMSE,
            List.of(Metric.ERROR_RATE, Metric.LATENCY_P99), null);

    public AnalysisPlan {
        guardrails = List.copyOf(guardrails);
    }
}
