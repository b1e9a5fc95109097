package org.movierec.router.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.movierec.router.TestExperiments;
import org.movierec.router.experiments.ArmSpec;
import org.movierec.router.experiments.Experiment;
import org.movierec.router.experiments.Metric;
import org.movierec.router.stats.PairedTotals;
import org.movierec.router.stats.SampleSummary;
import org.movierec.router.stats.UserTotals;

/**
 * How the report puts the statistics together, against reference values computed from the raw rows (one per answer,
 * one per rating) by {@code src/test/python/report_reference.py} with statsmodels (user-clustered OLS), numpy
 * (CUPED as a least-squares fit) and SciPy — not with the code under test. The data are that script's.
 */
class ReportCalculatorTest {

    static final double[][] CONTROL_WATCH = {{1, 0, 0}, {0}, {1, 1}, {0, 0, 0, 1}, {1}, {0, 0}, {1, 0}, {0, 1, 1}};
    static final Double[] CONTROL_PRE = {0.5, null, 0.8, 0.2, 0.6, 0.1, null, 0.7};
    static final double[][] TREATMENT_WATCH = {{1, 1, 0}, {1}, {0, 1}, {1, 0, 1, 1}, {0}, {1, 1}, {1, 0, 0}, {1},
        {0, 1}};
    static final Double[] TREATMENT_PRE = {0.4, 0.9, null, 0.3, 0.2, 0.8, 0.5, null, 0.6};
    static final double[][] CONTROL_SQUARED = {{0.25, 1.0}, {0.04}, {2.25, 0.64, 0.09}, {1.44}, {0.16, 0.81}, {0.36}};
    static final double[][] TREATMENT_SQUARED = {{1.21, 0.49}, {2.89, 0.01}, {1.69}, {0.36, 4.0, 0.64}, {1.0},
        {0.25, 1.96}, {0.09}};
    static final Offset<Double> TIGHT = within(1e-12);
    static final ReportSettings SETTINGS = new ReportSettings(0.05, 0.01, 0.8, 0.05, 0.01, 0.01, 0.01, 0.02, 0.005,
            50);
    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-02T00:00:00Z");

    final Experiment experiment = TestExperiments.running("salt", List.of(new ArmSpec("control", "v1", 50),
            new ArmSpec("treatment", "v2", 50)), Map.of(), START);

    /** The snapshot of the script's data: per-user sums, as the database hands them over. */
    static ReportSnapshot snapshot() {
        return snapshot(12.0);
    }

    /** {@link #snapshot()} with the treatment's p99 of what the client waited. */
    static ReportSnapshot snapshot(double treatmentP99) {
        double pooledPre = pooledPre();
        Map<String, UserTotals> watch = Map.of("control", watchTotals(CONTROL_WATCH, CONTROL_PRE, pooledPre),
                "treatment", watchTotals(TREATMENT_WATCH, TREATMENT_PRE, pooledPre));
        Map<String, UserTotals> squared = Map.of("control", squaredTotals(CONTROL_SQUARED),
                "treatment", squaredTotals(TREATMENT_SQUARED));
        Map<String, ArmTelemetry> arms = Map.of(
                "control", new ArmTelemetry("control", 8, 20, 18, 2, 1, 8, 3.0, 9.0, rows(CONTROL_SQUARED)),
                "treatment", new ArmTelemetry("treatment", 9, 21, 21, 0, 0, 13, 4.0, treatmentP99,
                        rows(TREATMENT_SQUARED)));
        Map<String, PairedTotals> paired = Map.of("treatment", PairedTotals.of(new double[] {0.5, 1.2, 0.3, 2.0},
                new double[] {1.5, 2.9, 1.1, 3.5}, new double[] {2, 3, 1, 4}));
        PeriodSnapshot period = new PeriodSnapshot(experiment().weightPeriods().get(0), START, NOW,
                Map.of("control", 8L, "treatment", 9L), watch, squared);
        return new ReportSnapshot(START, NOW, NOW, arms, Map.of("control", new ArmExposure(0, 0),
                "treatment", new ArmExposure(3, 2)), 0, watch, Map.of(), squared, paired, List.of(period), List.of(),
                List.of());
    }

    static Experiment experiment() {
        return TestExperiments.running("salt", List.of(new ArmSpec("control", "v1", 50),
                new ArmSpec("treatment", "v2", 50)), Map.of(), START);
    }

    static double pooledPre() {
        return Arrays.stream(concat(CONTROL_PRE, TREATMENT_PRE)).filter(x -> x != null).mapToDouble(x -> x).average()
                .orElseThrow();
    }

    static Double[] concat(Double[] a, Double[] b) {
        Double[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    static UserTotals watchTotals(double[][] users, Double[] pre, double pooledPre) {
        double[] y = new double[users.length];
        double[] n = new double[users.length];
        double[] x = new double[users.length];
        for (int i = 0; i < users.length; i++) {
            y[i] = Arrays.stream(users[i]).sum();
            n[i] = users[i].length;
            x[i] = pre[i] == null ? pooledPre : pre[i];
        }
        return UserTotals.of(y, n, x);
    }

    static UserTotals squaredTotals(double[][] users) {
        double[] y = new double[users.length];
        double[] n = new double[users.length];
        for (int i = 0; i < users.length; i++) {
            y[i] = Arrays.stream(users[i]).sum();
            n[i] = users[i].length;
        }
        return UserTotals.of(y, n);
    }

    static SampleSummary rows(double[][] users) {
        return SampleSummary.of(Arrays.stream(users).flatMapToDouble(Arrays::stream).toArray());
    }

    ExperimentReport report(ReportCalculator.StoredLooks looks) {
        return new ReportCalculator(SETTINGS).compute(experiment, snapshot(), looks, NOW);
    }

    ExperimentReport report() {
        return report((arm, key) -> null);
    }

    MetricComparison metric(ExperimentReport report, Metric metric) {
        return report.comparisons().get(0).metrics().stream().filter(m -> m.metric() == metric).findFirst()
                .orElseThrow();
    }

    @Test
    void everyArmHasItsWatchThroughAndRmseWithUserLevelIntervals() {
        ArmReport control = report().arms().get(0);
        ArmReport treatment = report().arms().get(1);
        assertThat(control.watchThrough()).isCloseTo(0.44444444444444431, TIGHT);
        assertThat(control.watchThroughInterval().lower()).isCloseTo(0.22042295657808886, TIGHT);
        assertThat(control.watchThroughInterval().upper()).isCloseTo(0.66846593231079976, TIGHT);
        assertThat(treatment.watchThrough()).isCloseTo(0.63157894736842135, TIGHT);
        assertThat(treatment.watchThroughInterval().lower()).isCloseTo(0.46250730039891796, TIGHT);
        assertThat(treatment.watchThroughInterval().upper()).isCloseTo(0.80065059433792474, TIGHT);
        assertThat(control.rmse()).isCloseTo(0.83904707853612126, TIGHT);
        assertThat(control.rmseInterval().lower()).isCloseTo(0.62849757908247039, TIGHT);
        assertThat(control.rmseInterval().upper()).isCloseTo(1.0064744373740815, TIGHT);
        assertThat(treatment.rmse()).isCloseTo(1.102648327134873, TIGHT);
        assertThat(treatment.rmseInterval().lower()).isCloseTo(0.92492925310024443, TIGHT);
        assertThat(treatment.rmseInterval().upper()).isCloseTo(1.2554571053708252, TIGHT);
        assertThat(treatment.exposure().otherVersionAnswers()).isEqualTo(3);
    }

    @Test
    void watchThroughIsTheCupedAdjustedDifferenceWithItsRelativeEffectAndPower() {
        MetricComparison wt = metric(report(), Metric.WATCH_THROUGH);
        assertThat(wt.role()).isEqualTo(MetricComparison.PRIMARY);
        assertThat(wt.effect().difference()).isCloseTo(0.15674568387202714, TIGHT);
        assertThat(wt.effect().interval().lower()).isCloseTo(-0.036337782334819352, TIGHT);
        assertThat(wt.effect().interval().upper()).isCloseTo(0.34982915007887361, TIGHT);
        assertThat(wt.effect().pValue()).isCloseTo(0.11158614952065987, TIGHT);
        assertThat(wt.cupedVarianceReduction()).isCloseTo(0.52671292141817083, TIGHT);
        assertThat(wt.effect().relative().estimate()).isCloseTo(0.34035738038150032, TIGHT);
        assertThat(wt.effect().relative().interval().lower()).isCloseTo(-0.1270490555318175, TIGHT);
        assertThat(wt.effect().relative().interval().upper()).isCloseTo(0.80776381629481819, TIGHT);
        assertThat(wt.designEffect()).isCloseTo(0.78976157194705976, TIGHT);
        assertThat(wt.minimumDetectableEffect()).isCloseTo(0.2759947575843128, TIGHT);
        assertThat(wt.requiredUsersPerArm()).isEqualTo(6624);
        assertThat(wt.moreUsersPerArm()).isEqualTo(6624 - 8);
    }

    @Test
    void rmseIsTheDifferenceOfRootsTestedOnTheMeanSquaredErrors() {
        MetricComparison rmse = metric(report(), Metric.RMSE);
        assertThat(rmse.role()).isEqualTo(MetricComparison.GUARDRAIL);
        assertThat(rmse.alpha()).isEqualTo(0.01);
        assertThat(rmse.effect().difference()).isCloseTo(0.26360124859875178, TIGHT);
        assertThat(rmse.effect().interval().lower()).isCloseTo(0.017424043189440686, TIGHT);
        assertThat(rmse.effect().interval().upper()).isCloseTo(0.50977845400806288, TIGHT);
        assertThat(rmse.effect().pValue()).isCloseTo(0.034568454626081636, TIGHT);
        assertThat(rmse.effect().relative().estimate()).isCloseTo(0.31416741127167103, TIGHT);
        assertThat(rmse.effect().relative().interval().lower()).isCloseTo(-0.033824126131381249, TIGHT);
        assertThat(rmse.effect().relative().interval().upper()).isCloseTo(0.66215894867472325, TIGHT);
        assertThat(rmse.designEffect()).isCloseTo(0.33393594346585942, TIGHT);
        assertThat(rmse.requiredUsersPerArm()).isEqualTo(1994);
        assertThat(rmse.cupedVarianceReduction()).isNaN();
    }

    @Test
    void withoutALookTheDecisionSaysWhatTheSampleCanTell() {
        ArmComparison c = report().comparisons().get(0);
        assertThat(c.primary().alwaysValid()).isNull();
        assertThat(c.decision()).isEqualTo("continue: cannot conclude yet (no look recorded yet); needs about 6,616"
                + " more users per arm to detect a difference of 0.0100 (6,624 per arm in all); detectable now: 0.276");
    }

    @Test
    void theDecisionRestsOnTheStoredAlwaysValidPValues() {
        ExperimentReport significant = report((arm, key) -> key.equals("watch-through")
                ? new SequentialLooks.Summary(0.001, 12, NOW) : new SequentialLooks.Summary(0.5, 12, NOW));
        assertThat(significant.comparisons().get(0).decision())
                .isEqualTo("stop: treatment is better than control on watch-through");
        assertThat(metric(significant, Metric.LATENCY_P99).breached()).isFalse();
    }

    @Test
    void theP99GuardrailIsHeldToTheConfiguredIncrease() {
        // 70 ms against control's 9 ms is more than the 50 ms allowed, whatever the primary metric says
        ExperimentReport slow = new ReportCalculator(SETTINGS).compute(experiment, snapshot(70.0),
                (arm, key) -> key.equals("watch-through") ? new SequentialLooks.Summary(0.001, 12, NOW) : null, NOW);
        assertThat(metric(slow, Metric.LATENCY_P99).breached()).isTrue();
        assertThat(slow.comparisons().get(0).decision())
                .isEqualTo("stop: guardrail latency-p99 is worse for treatment than control");
    }

    @Test
    void aBreachedGuardrailStopsFirst() {
        ExperimentReport report = report((arm, key) -> key.equals("rmse")
                ? new SequentialLooks.Summary(0.005, 3, NOW) : null);
        assertThat(metric(report, Metric.RMSE).breached()).isTrue();
        assertThat(report.comparisons().get(0).decision()).startsWith("stop: guardrail ");
    }

    @Test
    void aGuardrailIsHeldToItsOwnAlpha() {
        // p = 0.03 is below the primary's 0.05 but not below the guardrails' 0.01
        ExperimentReport report = report((arm, key) -> key.equals("rmse")
                ? new SequentialLooks.Summary(0.03, 3, NOW) : null);
        assertThat(metric(report, Metric.RMSE).breached()).isFalse();
        assertThat(metric(report, Metric.RMSE).verdict()).startsWith("cannot conclude yet (always-valid p 0.0300)");
    }

    @Test
    void theSampleRatioCheckIsPerWeightPeriod() {
        ExperimentReport report = report();
        assertThat(report.srmUsers()).containsExactly(8, 9);
        assertThat(report.periods()).hasSize(1);
        assertThat(report.sampleRatioMismatch().mismatch()).isFalse();
    }

    @Test
    void thePairedComparisonScoresBothModelsOnTheSameRatings() {
        PairedResult paired = report((arm, key) -> key.equals(ReportSettings.PAIRED_RMSE)
                ? new SequentialLooks.Summary(0.0001, 5, NOW) : null).comparisons().get(0).paired();
        assertThat(paired.ratings()).isEqualTo(10);
        assertThat(paired.comparison().meanDifference()).isCloseTo((4.0 - 9.0) / 10, TIGHT);
        assertThat(paired.verdict()).startsWith("significant: the arm's model predicts better than control on the"
                + " same 10 ratings");
    }

    @Test
    void armsWithoutDataGiveNoIntervalsAndNoTests() {
        ReportSnapshot empty = new ReportSnapshot(START, NOW, NOW, Map.of(), Map.of(), 0, Map.of(), Map.of(), Map.of(),
                Map.of(), List.of(), List.of(), List.of());
        ExperimentReport report = new ReportCalculator(SETTINGS).compute(experiment, empty, (arm, key) -> null, NOW);
        assertThat(report.arms().get(0).rmseInterval()).isNull();
        assertThat(report.comparisons().get(0).primary().effect().known()).isFalse();
        assertThat(report.comparisons().get(0).decision()).isEqualTo("continue: not enough data yet");
        assertThat(report.sampleRatioMismatch()).isNull();
        assertThat(ReportFormat.toCsv(report).split("\n")).hasSize(3);
    }
}
