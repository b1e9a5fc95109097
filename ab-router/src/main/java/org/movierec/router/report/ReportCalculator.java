package org.movierec.router.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.movierec.router.stats.ConfidenceInterval;
import org.movierec.router.stats.ProportionTest;
import org.movierec.router.stats.SampleRatioMismatch;
import org.movierec.router.stats.SequentialTest;
import org.movierec.router.stats.WelchTest;
import org.movierec.router.experiments.ArmSpec;
import org.movierec.router.experiments.Experiment;

/**
 * Computes an {@link ExperimentReport} from per-arm telemetry; pure, no I/O.
 *
 * <ul>
 *   <li>per arm: online RMSE = √(mean squared error) with the 95 % interval of
 *       {@link ConfidenceInterval#ofRmse}; watch-through with its Wilson interval
 *       ({@link ProportionTest#wilsonInterval}); latency p50/p99, error and fallback rates as counted;</li>
 *   <li>between each arm and control: Welch's t-test on the squared errors ({@link WelchTest}) and the
 *       two-proportion z-test on watch-through ({@link ProportionTest}) — fixed-horizon p-values — and the
 *       sequential decision: the mSPRT ({@link SequentialTest}) on both differences, whose always-valid
 *       p-value is the minimum over all looks so far ({@code previous} gives the stored one);</li>
 *   <li>the sample-ratio-mismatch check ({@link SampleRatioMismatch}) of distinct users against the
 *       weights.</li>
 * </ul>
 */
public final class ReportCalculator {

    /** The metric key of the sequential test on squared errors. */
    public static final String MSE = "mse";
    /** The metric key of the sequential test on watch-through. */
    public static final String WATCH_THROUGH = "watchThrough";

    /** The stored always-valid p-value of a metric of an arm, {@link SequentialTest#INITIAL_P_VALUE} before the first look. */
    @FunctionalInterface
    public interface PreviousPValues {
        double of(String arm, String metric);
    }

    private final SequentialTest mseTest;
    private final SequentialTest watchThroughTest;

    public ReportCalculator(SequentialTest mseTest, SequentialTest watchThroughTest) {
        this.mseTest = mseTest;
        this.watchThroughTest = watchThroughTest;
    }

    /** The report of {@code experiment} from {@code telemetry} (by arm) and the SRM user counts (by arm). */
    public ExperimentReport compute(Experiment experiment, Map<String, ArmTelemetry> telemetry,
            Map<String, Long> srmUsers, PreviousPValues previous, Instant now) {
        List<ArmReport> arms = new ArrayList<>();
        for (ArmSpec spec : experiment.arms()) {
            ArmTelemetry t = telemetry.getOrDefault(spec.name(), ArmTelemetry.empty(spec.name()));
            ConfidenceInterval rmse = t.ratings() >= 2
                    ? ConfidenceInterval.ofRmse(t.squaredErrors(), ConfidenceInterval.DEFAULT_CONFIDENCE) : null;
            ConfidenceInterval watch = t.answered() > 0
                    ? ProportionTest.wilsonInterval(t.watched(), t.answered(), ConfidenceInterval.DEFAULT_CONFIDENCE) : null;
            arms.add(new ArmReport(spec.name(), spec.modelVersion(), spec.weight(), t, rmse, watch));
        }
        String baseline = experiment.controlArm().name();
        ArmTelemetry control = telemetry.getOrDefault(baseline, ArmTelemetry.empty(baseline));
        List<ArmComparison> comparisons = new ArrayList<>();
        for (ArmSpec spec : experiment.arms()) {
            if (!spec.name().equals(baseline)) {
                comparisons.add(compare(telemetry.getOrDefault(spec.name(), ArmTelemetry.empty(spec.name())),
                        control, previous));
            }
        }
        long[] users = new long[experiment.arms().size()];
        double[] weights = new double[users.length];
        long total = 0;
        for (int i = 0; i < users.length; i++) {
            users[i] = srmUsers.getOrDefault(experiment.arms().get(i).name(), 0L);
            weights[i] = experiment.arms().get(i).weight();
            total += users[i];
        }
        SampleRatioMismatch srm = total == 0 ? null : SampleRatioMismatch.check(users, weights);
        return new ExperimentReport(experiment, now, arms, comparisons, users, srm);
    }

    private ArmComparison compare(ArmTelemetry treatment, ArmTelemetry control, PreviousPValues previous) {
        WelchTest welch = null;
        SequentialTest.Look mse = null;
        if (treatment.ratings() >= 2 && control.ratings() >= 2) {
            welch = WelchTest.compare(treatment.squaredErrors(), control.squaredErrors());
            mse = mseTest.lookAtMeans(previous.of(treatment.arm(), MSE), treatment.squaredErrors(),
                    control.squaredErrors());
        }
        ProportionTest watch = null;
        SequentialTest.Look watchLook = null;
        if (treatment.answered() > 0 && control.answered() > 0) {
            watch = ProportionTest.compare(treatment.watched(), treatment.answered(), control.watched(),
                    control.answered());
            watchLook = watchThroughTest.lookAtProportions(previous.of(treatment.arm(), WATCH_THROUGH),
                    treatment.watched(), treatment.answered(), control.watched(), control.answered());
        }
        return new ArmComparison(treatment.arm(), control.arm(), treatment.rmse() - control.rmse(), welch, watch, mse,
                watchLook, decision(mse, "higher RMSE (worse)", "lower RMSE (better)"),
                decision(watchLook, "higher watch-through (better)", "lower watch-through (worse)"));
    }

    /** The words of a sequential look: stop (with the direction of the difference) or continue. */
    private static String decision(SequentialTest.Look look, String whenHigher, String whenLower) {
        if (look == null) {
            return "not enough data";
        }
        if (!look.rejectNull()) {
            return "continue: no significant difference yet";
        }
        return "stop: " + (look.difference() > 0 ? whenHigher : whenLower);
    }
}
