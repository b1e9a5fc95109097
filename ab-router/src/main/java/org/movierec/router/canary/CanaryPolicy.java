package org.movierec.router.canary;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.movierec.router.stats.ConfidenceInterval;
import org.movierec.router.stats.PairedComparison;
import org.movierec.router.stats.PairedTotals;
import org.movierec.router.stats.SequentialTest;
import org.movierec.router.experiments.CanaryState;
import org.movierec.router.report.ArmTelemetry;

/**
 * The canary's rules, pure (no I/O, no clock): given the candidate's and control's telemetry, decide to
 * abort, widen, promote or wait.
 *
 * <p><b>Abort</b> (checked first, on all data since the canary started, at every look) when the
 * candidate is worse than control on
 * <ul>
 *   <li>RMSE on the same ratings (the paired comparison: every rating of the canary's users predicted by both
 *       versions, {@code experiment_predictions}): the always-valid interval of the mSPRT on the paired difference
 *       of mean squared errors lies entirely above the MSE that {@code maxRmseIncrease} allows, so the candidate is
 *       worse by more than the margin with always-valid confidence. Both arms' ratings count and the items' noise
 *       cancels, so this sees a degraded model with far fewer ratings than an unpaired test;</li>
 *   <li>only without paired predictions, online RMSE on each arm's own ratings: the mSPRT on the difference of
 *       mean squared errors (candidate − control) rejects "no difference" with a positive difference, and the
 *       candidate's RMSE exceeds control's by more than {@code maxRmseIncrease}. Each arm is scored on the movies
 *       its own list led its users to rate, so this comparison is biased by self-selection and, on a few dozen
 *       ratings, aborted an equally good retrained model (0.756 against 0.658 on 19 and 62 ratings, while the
 *       paired comparison saw no difference); it decides only when nothing better is there;</li>
 *   <li>error rate (failed upstream attempts + fallbacks over attempts): the mSPRT on the difference of
 *       proportions rejects with a positive difference;</li>
 *   <li>latency: with at least {@code minRequests} answers on each arm, the candidate's p99 exceeds
 *       control's by more than {@code maxP99Increase}.</li>
 * </ul>
 * The mSPRT p-values stay valid however often the controller looks, so the canary can be checked every
 * minute and aborted at the first step, before the candidate reaches many users.
 *
 * <p><b>Widen</b> when the current step has lasted {@code minStepDuration} and, since it started, each
 * arm has at least {@code minRequests} answers and {@code minRatings} rated predictions; when the next
 * step is 100 %, <b>promote</b> instead. Otherwise <b>wait</b>.
 *
 * <p><b>Hold</b> (wait) instead of widening while the candidate's RMSE is above control's by more than
 * {@code maxRmseIncrease} (on the same ratings when paired predictions exist, else on each arm's own): thin
 * evidence that cannot yet prove harm must not widen a model that looks worse. The mSPRT keeps looking, so a truly
 * worse model is aborted at its current step, and a model that only looked worse by chance widens once its
 * estimate comes back.
 *
 * @param minRequests answers per arm since the step started
 * @param minRatings rated predictions per arm since the step started
 * @param minStepDuration the shortest step
 * @param maxP99Increase the largest acceptable p99 latency increase
 * @param maxRmseIncrease the largest online RMSE excess over control with which a step may widen
 * @param mseTest the sequential test on squared errors
 * @param errorRateTest the sequential test on error rates
 */
public record CanaryPolicy(long minRequests, long minRatings, Duration minStepDuration, Duration maxP99Increase,
        double maxRmseIncrease, SequentialTest mseTest, SequentialTest errorRateTest) {

    /** Metric key of the RMSE test's p-value. */
    public static final String MSE = "mse";
    /** Metric key of the error-rate test's p-value. */
    public static final String ERROR_RATE = "errorRate";
    /** Metric key of the paired RMSE test's p-value. */
    public static final String PAIRED_MSE = "pairedMse";

    /**
     * Decides on the canary {@code state}.
     *
     * @param candidate the candidate arm's telemetry since the canary started
     * @param control control's telemetry since the canary started
     * @param stepCandidate the candidate's telemetry since the step started
     * @param stepControl control's telemetry since the step started
     * @param paired both versions' squared errors on the same ratings since the canary started (candidate as
     *     treatment), per-user sums; null or empty without paired predictions
     * @param now the time of the evaluation
     */
    public CanaryDecision decide(CanaryState state, ArmTelemetry candidate, ArmTelemetry control,
            ArmTelemetry stepCandidate, ArmTelemetry stepControl, PairedTotals paired, Instant now) {
        Map<String, Double> pValues = new LinkedHashMap<>(state.pValues());
        PairedComparison sameRatings = hasPairs(paired)
                ? PairedComparison.compare(paired, ConfidenceInterval.DEFAULT_CONFIDENCE) : null;
        CanaryDecision rmseAbort = sameRatings != null
                ? pairedRmseAbort(state, sameRatings, pValues)
                : unpairedRmseAbort(state, candidate, control, pValues);
        if (rmseAbort != null) {
            return rmseAbort;
        }
        if (candidate.attempts() > 0 && control.attempts() > 0) {
            long candidateBad = candidate.errors() + candidate.fallbacks();
            long controlBad = control.errors() + control.fallbacks();
            SequentialTest.Look look = errorRateTest.lookAtProportions(previous(state, ERROR_RATE), candidateBad,
                    candidate.attempts(), controlBad, control.attempts());
            pValues.put(ERROR_RATE, look.pValue());
            if (look.rejectNull() && look.difference() > 0) {
                return new CanaryDecision(CanaryDecision.Action.ABORT, String.format(Locale.ROOT,
                        "error rate of the candidate %.2f %% is worse than control's %.2f %% (mSPRT p = %.3g < %.2g)",
                        100.0 * candidateBad / candidate.attempts(), 100.0 * controlBad / control.attempts(),
                        look.pValue(), errorRateTest.alpha()), pValues);
            }
        }
        if (candidate.answered() >= minRequests && control.answered() >= minRequests
                && candidate.latencyP99Ms() - control.latencyP99Ms() > maxP99Increase.toNanos() / 1e6) {
            return new CanaryDecision(CanaryDecision.Action.ABORT, String.format(Locale.ROOT,
                    "p99 latency of the candidate %.1f ms exceeds control's %.1f ms by more than %d ms",
                    candidate.latencyP99Ms(), control.latencyP99Ms(), maxP99Increase.toMillis()), pValues);
        }
        List<String> missing = new ArrayList<>();
        Duration elapsed = Duration.between(state.stepStartedAt(), now);
        if (elapsed.compareTo(minStepDuration) < 0) {
            missing.add("the step has lasted " + elapsed.toSeconds() + " s of " + minStepDuration.toSeconds() + " s");
        }
        evidence(missing, "candidate", stepCandidate);
        evidence(missing, "control", stepControl);
        if (sameRatings != null && sameRatings.rmseT() - sameRatings.rmseC() > maxRmseIncrease) {
            missing.add(String.format(Locale.ROOT,
                    "on the same %d ratings the candidate's RMSE %.4f is above control's %.4f by more than %.3f (holding until the evidence decides)",
                    sameRatings.ratings(), sameRatings.rmseT(), sameRatings.rmseC(), maxRmseIncrease));
        } else if (sameRatings == null && candidate.ratings() > 0 && control.ratings() > 0
                && candidate.rmse() - control.rmse() > maxRmseIncrease) {
            missing.add(String.format(Locale.ROOT,
                    "the candidate's online RMSE %.4f is above control's %.4f by more than %.3f (holding until the evidence decides)",
                    candidate.rmse(), control.rmse(), maxRmseIncrease));
        }
        if (!missing.isEmpty()) {
            return new CanaryDecision(CanaryDecision.Action.WAIT, "waiting at " + state.percent() + " %: "
                    + String.join("; ", missing), pValues);
        }
        if (state.nextIsPromotion()) {
            return new CanaryDecision(CanaryDecision.Action.PROMOTE, "the candidate was no worse than control at "
                    + state.steps().subList(0, state.step() + 1) + " % of users", pValues);
        }
        return new CanaryDecision(CanaryDecision.Action.WIDEN, "no worse than control at " + state.percent()
                + " % with enough evidence: widening to " + state.steps().get(state.step() + 1) + " %", pValues);
    }

    private static boolean hasPairs(PairedTotals paired) {
        return paired != null && paired.users() >= 2 && paired.sumA() > 0 && paired.sumB() > 0;
    }

    /**
     * Aborts when the always-valid interval of the paired MSE difference lies entirely above the MSE that
     * {@code maxRmseIncrease} allows over control's RMSE on the same ratings; null otherwise.
     */
    private CanaryDecision pairedRmseAbort(CanaryState state, PairedComparison c, Map<String, Double> pValues) {
        SequentialTest.Look look = mseTest.look(previous(state, PAIRED_MSE), c.meanDifference(),
                c.standardError() * c.standardError());
        pValues.put(PAIRED_MSE, look.pValue());
        double margin = Math.pow(c.rmseC() + maxRmseIncrease, 2) - c.rmseC() * c.rmseC();
        if (look.confidenceInterval().lower() <= margin) {
            return null;
        }
        return new CanaryDecision(CanaryDecision.Action.ABORT, String.format(Locale.ROOT,
                "on the same %d ratings the candidate's RMSE %.4f exceeds control's %.4f by more than %.3f"
                        + " (paired mSPRT: the MSE difference is in [%.4f, %.4f], above %.4f)",
                c.ratings(), c.rmseT(), c.rmseC(), maxRmseIncrease, look.confidenceInterval().lower(),
                look.confidenceInterval().upper(), margin), pValues);
    }

    /**
     * Without paired predictions: aborts when the mSPRT on the two arms' own ratings rejects "no difference" with
     * the candidate worse, and its RMSE exceeds control's by more than {@code maxRmseIncrease}; null otherwise.
     */
    private CanaryDecision unpairedRmseAbort(CanaryState state, ArmTelemetry candidate, ArmTelemetry control,
            Map<String, Double> pValues) {
        if (candidate.ratings() < 2 || control.ratings() < 2) {
            return null;
        }
        SequentialTest.Look look = mseTest.lookAtMeans(previous(state, MSE), candidate.squaredErrors(),
                control.squaredErrors());
        pValues.put(MSE, look.pValue());
        // Significant and material: a difference the retrain gate would tolerate (maxRmseIncrease) does not abort
        // even when the test is sure of it (each arm is scored on the movies its own list led to, so two good
        // models differ a little); it is held to the same margin before widening.
        if (!look.rejectNull() || look.difference() <= 0 || candidate.rmse() - control.rmse() <= maxRmseIncrease) {
            return null;
        }
        return new CanaryDecision(CanaryDecision.Action.ABORT, String.format(Locale.ROOT,
                "online RMSE of the candidate %.4f is worse than control's %.4f (%d and %d ratings; mSPRT p = %.3g < %.2g)",
                candidate.rmse(), control.rmse(), candidate.ratings(), control.ratings(), look.pValue(),
                mseTest.alpha()), pValues);
    }

    private void evidence(List<String> missing, String arm, ArmTelemetry step) {
        if (step.answered() < minRequests) {
            missing.add(arm + " has " + step.answered() + " of " + minRequests + " requests");
        }
        if (step.ratings() < minRatings) {
            missing.add(arm + " has " + step.ratings() + " of " + minRatings + " ratings");
        }
    }

    private static double previous(CanaryState state, String metric) {
        return state.pValues().getOrDefault(metric, SequentialTest.INITIAL_P_VALUE);
    }
}
