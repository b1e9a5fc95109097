package org.movierec.router.canary;

import java.util.Map;

/**
 * What one evaluation of a canary decided.
 *
 * @param action wait, widen, promote or abort
 * @param reason why, in words (shown in the API answer, the audit and Slack)
 * @param pValues the always-valid p-values of the abort tests after this look, by metric
 */
public record CanaryDecision(Action action, String reason, Map<String, Double> pValues) {

    public CanaryDecision {
        pValues = Map.copyOf(pValues);
    }

    /** The possible outcomes of an evaluation. */
    public enum Action {
        /** Not enough evidence at this step yet. */
        WAIT,
        /** Enough evidence and nothing worse: go to the next percentage. */
        WIDEN,
        /** The last step before 100 % passed: promote the candidate and complete the canary. */
        PROMOTE,
        /** The candidate is worse than control: stop, production stays. */
        ABORT
    }
}
