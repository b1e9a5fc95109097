package org.movierec.router.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.movierec.router.stats.SampleSummary;
import org.movierec.router.stats.SequentialTest;
import org.movierec.router.TestExperiments;
import org.movierec.router.experiments.ArmSpec;
import org.movierec.router.experiments.Experiment;

/**
 * The report's statistics against reference values computed independently with SciPy 1.17.1 (script
 * below, run on the same data), not with the code under test:
 *
 * <pre>
 * c = [0.25, 1.0, 0.04, 2.25, 0.64, 0.09, 1.44, 0.16, 0.81, 0.36]             # control squared errors
 * t = [1.21, 0.49, 2.89, 0.01, 1.69, 0.36, 4.0, 0.64, 1.0, 0.25, 1.96, 0.09]  # treatment squared errors
 * RMSE interval:  stats.t.interval(0.95, n-1, loc=mean, scale=sd/sqrt(n)), square-rooted
 * Welch:          stats.ttest_ind(t, c, equal_var=False) (.statistic, .pvalue, .df, .confidence_interval(0.95))
 * watch-through:  465/1000 (treatment) vs 420/1000 (control):
 *                 stats.chi2_contingency([[465, 535], [420, 580]], correction=False) p-value (= z-test p),
 *                 z = (pa-pb)/sqrt(pool(1-pool)(1/na+1/nb)),
 *                 Wilson: stats.binomtest(x, n).proportion_ci(0.95, method="wilson")
 * SRM:            stats.chisquare([5120, 4880], [5000, 5000])
 * mSPRT:          Λ = sqrt(V/(V+τ²))·exp(τ²D²/(2V(V+τ²))), p = min(1, 1/Λ) (Johari et al. 2017, eq. for the
 *                 normal mixture) with V = s_t²/n_t + s_c²/n_c, τ = 0.5 (MSE) and V = p̄(1−p̄)(1/n_a+1/n_b),
 *                 τ = 0.05 (watch-through), evaluated in plain Python floats
 * </pre>
 */
class ReportCalculatorTest {

    static final double[] CONTROL = {0.25, 1.0, 0.04, 2.25, 0.64, 0.09, 1.44, 0.16, 0.81, 0.36};
    static final double[] TREATMENT = {1.21, 0.49, 2.89, 0.01, 1.69, 0.36, 4.0, 0.64, 1.0, 0.25, 1.96, 0.09};
    static final Offset<Double> TIGHT = within(1e-9);

    final Experiment experiment = TestExperiments.running("salt", List.of(new ArmSpec("control", "v1", 50),
            new ArmSpec("treatment", "v2", 50)), Map.of(), Instant.parse("2026-11-01T00:00:00Z"));

    ExperimentReport report() {
        Map<String, ArmTelemetry> telemetry = Map.of(
                "control", new ArmTelemetry("control", 5120, 1010, 1000, 10, 20, 420, 3.0, 9.0, SampleSummary.of(CONTROL)),
                "treatment", new ArmTelemetry("treatment", 4880, 1000, 1000, 0, 5, 465, 4.0, 12.0,
                        SampleSummary.of(TREATMENT)));
        return new ReportCalculator(new SequentialTest(0.5, 0.05), new SequentialTest(0.05, 0.05))
                .compute(experiment, telemetry, Map.of("control", 5120L, "treatment", 4880L),
                        (arm, metric) -> SequentialTest.INITIAL_P_VALUE, Instant.parse("2026-11-02T00:00:00Z"));
    }

    @Test
    void perArmRmseWithItsInterval() {
        ArmReport control = report().arms().get(0);
        ArmReport treatment = report().arms().get(1);
        assertThat(control.telemetry().rmse()).isCloseTo(0.8390470785361213, TIGHT);
        assertThat(control.rmseInterval().lower()).isCloseTo(0.4468599446845626, TIGHT);
        assertThat(control.rmseInterval().upper()).isCloseTo(1.09923436529091, TIGHT);
        assertThat(treatment.telemetry().rmse()).isCloseTo(1.1026483271348728, TIGHT);
        assertThat(treatment.rmseInterval().lower()).isCloseTo(0.6593391208100706, TIGHT);
        assertThat(treatment.rmseInterval().upper()).isCloseTo(1.4131307761265657, TIGHT);
    }

    @Test
    void perArmWatchThroughWithItsWilsonInterval() {
        ArmReport control = report().arms().get(0);
        ArmReport treatment = report().arms().get(1);
        assertThat(control.telemetry().watchThroughRate()).isEqualTo(0.42);
        assertThat(control.watchThroughInterval().lower()).isCloseTo(0.38977268215878036, TIGHT);
        assertThat(control.watchThroughInterval().upper()).isCloseTo(0.4508395991989085, TIGHT);
        assertThat(treatment.watchThroughInterval().lower()).isCloseTo(0.43427911875069886, TIGHT);
        assertThat(treatment.watchThroughInterval().upper()).isCloseTo(0.49598875434329, TIGHT);
    }

    @Test
    void perArmRatesAsCounted() {
        ArmTelemetry control = report().arms().get(0).telemetry();
        assertThat(control.errorRate()).isEqualTo(10.0 / 1010);
        assertThat(control.fallbackRate()).isEqualTo(20.0 / 1000);
        assertThat(control.ratings()).isEqualTo(10);
    }

    @Test
    void welchTestOnSquaredErrors() {
        ArmComparison c = report().comparisons().get(0);
        assertThat(c.arm()).isEqualTo("treatment");
        assertThat(c.baseline()).isEqualTo("control");
        assertThat(c.squaredErrors().difference()).isCloseTo(0.5118333333333334, TIGHT);
        assertThat(c.squaredErrors().t()).isCloseTo(1.2212615959607807, TIGHT);
        assertThat(c.squaredErrors().degreesOfFreedom()).isCloseTo(17.973638075197552, TIGHT);
        assertThat(c.squaredErrors().pValue()).isCloseTo(0.2377651859574021, within(1e-12));
        assertThat(c.squaredErrors().confidenceInterval().lower()).isCloseTo(-0.3687601420315548, TIGHT);
        assertThat(c.squaredErrors().confidenceInterval().upper()).isCloseTo(1.3924268086982217, TIGHT);
        assertThat(c.rmseDifference()).isCloseTo(1.1026483271348728 - 0.8390470785361213, TIGHT);
    }

    @Test
    void twoProportionZTestOnWatchThrough() {
        ArmComparison c = report().comparisons().get(0);
        assertThat(c.watchThrough().difference()).isCloseTo(0.045, TIGHT);
        assertThat(c.watchThrough().z()).isCloseTo(2.0259020437765973, TIGHT);
        assertThat(c.watchThrough().pValue()).isCloseTo(0.04277482377488455, within(1e-12));
        assertThat(c.watchThrough().confidenceInterval().lower()).isCloseTo(0.0015093310371148, TIGHT);
        assertThat(c.watchThrough().confidenceInterval().upper()).isCloseTo(0.08849066896288528, TIGHT);
    }

    @Test
    void sequentialDecisionIsTheMsprt() {
        ArmComparison c = report().comparisons().get(0);
        assertThat(c.sequentialMse().likelihoodRatio()).isCloseTo(0.9954468614936209, TIGHT);
        assertThat(c.sequentialMse().pValue()).isEqualTo(1.0);
        assertThat(c.sequentialMse().confidenceInterval().lower()).isCloseTo(-0.9222068565117176, TIGHT);
        assertThat(c.sequentialMse().confidenceInterval().upper()).isCloseTo(1.9458735231783844, TIGHT);
        assertThat(c.sequentialWatchThrough().likelihoodRatio()).isCloseTo(2.2534467804821303, TIGHT);
        assertThat(c.sequentialWatchThrough().pValue()).isCloseTo(0.4437646403107189, TIGHT);
        // the fixed-horizon z-test says p = 0.043 < 0.05, but the always-valid mSPRT does not stop yet
        assertThat(c.watchThroughDecision()).startsWith("continue");
        assertThat(c.rmseDecision()).startsWith("continue");
    }

    @Test
    void theSequentialPValueNeverRisesAcrossLooks() {
        Map<String, ArmTelemetry> telemetry = Map.of(
                "control", new ArmTelemetry("control", 1, 1, 1000, 0, 0, 420, 1, 1, SampleSummary.of(CONTROL)),
                "treatment", new ArmTelemetry("treatment", 1, 1, 1000, 0, 0, 465, 1, 1, SampleSummary.of(TREATMENT)));
        ExperimentReport later = new ReportCalculator(new SequentialTest(0.5, 0.05), new SequentialTest(0.05, 0.05))
                .compute(experiment, telemetry, Map.of(), (arm, metric) -> 0.01, Instant.now());
        assertThat(later.comparisons().get(0).sequentialWatchThrough().pValue()).isEqualTo(0.01);
        assertThat(later.comparisons().get(0).watchThroughDecision()).isEqualTo("stop: higher watch-through (better)");
    }

    @Test
    void sampleRatioMismatchIsChiSquareOfUsersAgainstWeights() {
        ExperimentReport report = report();
        assertThat(report.sampleRatioMismatch().statistic()).isCloseTo(5.76, TIGHT);
        assertThat(report.sampleRatioMismatch().pValue()).isCloseTo(0.01639507184919225, within(1e-12));
        assertThat(report.sampleRatioMismatch().mismatch()).isFalse(); // threshold 0.001
        assertThat(report.srmUsers()).containsExactly(5120, 4880);
    }

    @Test
    void csvHasOneRowPerArmWithTheComparisonOnTheTreatmentRow() {
        String[] lines = ReportFormat.toCsv(report()).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0].split(",")).containsExactlyElementsOf(ReportFormat.CSV_COLUMNS);
        assertThat(lines[1]).startsWith("exp-test,control,v1,50,5120,1000,10,0.839047,");
        String[] treatment = lines[2].split(",", -1);
        assertThat(treatment).hasSize(ReportFormat.CSV_COLUMNS.size());
        assertThat(treatment[ReportFormat.CSV_COLUMNS.indexOf("mse_welch_p")]).isEqualTo("0.237765");
        assertThat(treatment[ReportFormat.CSV_COLUMNS.indexOf("watch_through_p")]).isEqualTo("0.0427748");
    }

    @Test
    void armsWithoutDataGiveNoIntervalsAndNoTests() {
        ExperimentReport empty = new ReportCalculator(new SequentialTest(0.5, 0.05), new SequentialTest(0.05, 0.05))
                .compute(experiment, Map.of(), Map.of(), (arm, metric) -> 1, Instant.now());
        assertThat(empty.arms().get(0).rmseInterval()).isNull();
        assertThat(empty.comparisons().get(0).squaredErrors()).isNull();
        assertThat(empty.comparisons().get(0).rmseDecision()).isEqualTo("not enough data");
        assertThat(empty.sampleRatioMismatch()).isNull();
        assertThat(ReportFormat.toCsv(empty).split("\n")).hasSize(3);
    }
}
