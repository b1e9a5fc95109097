package org.movierec.router.report;

import java.util.List;

/**
 * One arm against control: the primary metric first, then the guardrails, the paired comparison of the two models
 * on the same ratings, and the decision.
 *
 * @param arm the compared arm (treatment)
 * @param baseline the control arm
 * @param metrics the primary metric, then each guardrail, in the plan's order
 * @param paired both arms' models scored on the same ratings
 * @param decision what to do now, in words ({@code stop: ...} or {@code continue: ...})
 */
public record ArmComparison(String arm, String baseline, List<MetricComparison> metrics, PairedResult paired,
        String decision) {

    public ArmComparison {
        metrics = List.copyOf(metrics);
    }

    /** The primary metric's comparison. */
    public MetricComparison primary() {
        return metrics.get(0);
    }
}
