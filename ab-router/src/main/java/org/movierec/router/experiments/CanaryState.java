package org.movierec.router.experiments;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The progress of a canary rollout, stored with its experiment.
 *
 * @param candidateVersion the version being rolled out (arm {@code candidate})
 * @param controlVersion the production version when the canary started (arm {@code control})
 * @param steps the candidate's percentages, increasing, ending at 100
 * @param step the index in {@code steps} of the current percentage
 * @param stepStartedAt when the current step started; evidence for widening counts from here
 * @param requestedBy who asked for the canary
 * @param pValues the always-valid (mSPRT) p-values of the abort tests so far, by metric
 * @param release where the release of a canary that passed stands, or {@code null} while it is being evaluated
 */
public record CanaryState(String candidateVersion, String controlVersion, List<Integer> steps, int step,
        Instant stepStartedAt, String requestedBy, Map<String, Double> pValues, CanaryRelease release) {

    /** The arm serving the production version. */
    public static final String CONTROL = "control";
    /** The arm serving the candidate. */
    public static final String CANDIDATE = "candidate";

    public CanaryState {
        steps = List.copyOf(steps);
        pValues = Map.copyOf(pValues);
    }

    /** A canary being evaluated (no release under way). */
    public CanaryState(String candidateVersion, String controlVersion, List<Integer> steps, int step,
            Instant stepStartedAt, String requestedBy, Map<String, Double> pValues) {
        this(candidateVersion, controlVersion, steps, step, stepStartedAt, requestedBy, pValues, null);
    }

    /** The candidate's current percentage. */
    public int percent() {
        return steps.get(step);
    }

    /** Whether the next step is the last (100 %), which is reached by promoting the candidate. */
    public boolean nextIsPromotion() {
        return step + 1 >= steps.size() - 1;
    }

    /** The state at the next step, started at {@code now}; the p-values carry over. */
    public CanaryState widened(Instant now) {
        return new CanaryState(candidateVersion, controlVersion, steps, step + 1, now, requestedBy, pValues, release);
    }

    /** The same step started again at {@code now} (the canary went live: its first step counts from then). */
    public CanaryState restartedAt(Instant now) {
        return new CanaryState(candidateVersion, controlVersion, steps, step, now, requestedBy, pValues, release);
    }

    /** The same state with new p-values. */
    public CanaryState withPValues(Map<String, Double> newPValues) {
        return new CanaryState(candidateVersion, controlVersion, steps, step, stepStartedAt, requestedBy, newPValues,
                release);
    }

    /** The same state with the release at {@code newRelease}. */
    public CanaryState withRelease(CanaryRelease newRelease) {
        return new CanaryState(candidateVersion, controlVersion, steps, step, stepStartedAt, requestedBy, pValues,
                newRelease);
    }

    /** What is wrong with a ramp, or null: 1..100, strictly increasing, the last one 100, at least two steps. */
    public static String stepsProblem(List<Integer> steps) {
        if (steps == null || steps.size() < 2) {
            return "steps need at least two percentages, the last one 100, e.g. [5, 25, 50, 100]";
        }
        int previous = 0;
        for (Integer step : steps) {
            if (step == null || step <= previous || step > 100) {
                return "steps must be strictly increasing percentages in 1..100, got " + steps;
            }
            previous = step;
        }
        return previous == 100 ? null : "the last step must be 100, got " + steps;
    }
}
