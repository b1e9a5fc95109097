package org.movierec.router.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Reference values from src/test/python/experiment_analysis_reference.py: numpy on the raw answer rows
 * (per-user linearised values L_i of each arm, θ the slope of the OLS of L on 1 and X over both arms
 * pooled, also checked with statsmodels; the adjusted variance the sample variance of L − θX over K),
 * with each user's pre-period watch-through as X and a missing one replaced by the pooled mean of the
 * observed ones — the convention {@link Cuped} documents, applied here as a caller would.
 */
class CupedTest {

    private static final double FILL = WatchThroughData.pooledObservedPreMean();
    private static final UserTotals TREATMENT = WatchThroughData.totals(WatchThroughData.TREATMENT,
            WatchThroughData.TREATMENT_PRE, FILL);
    private static final UserTotals CONTROL = WatchThroughData.totals(WatchThroughData.CONTROL,
            WatchThroughData.CONTROL_PRE, FILL);

    @Test
    void preperiodWatchThroughMatchesTheRegressionOnTheRawRows() {
        Close.relative(FILL, 0.5, 1e-15);
        Cuped.Adjusted adjusted = Cuped.adjust(TREATMENT, CONTROL);

        Close.relative(adjusted.theta(), 1.0594523304508623, 1e-12);
        Cuped.Arm treatment = adjusted.treatment();
        Close.relative(treatment.ratio(), 0.63888888888888895, 1e-15);
        Close.relative(treatment.ratioVariance(), 0.0081275190943115045, 1e-12);
        Close.relative(treatment.adjustedRatio(), 0.60710531897536313, 1e-12);
        Close.relative(treatment.adjustedVariance(), 0.0013504115100491827, 1e-12);
        Close.relative(treatment.varianceReduction(), 0.83384702092003171, 1e-12);
        Cuped.Arm control = adjusted.control();
        Close.relative(control.adjustedRatio(), 0.60198174434836205, 1e-12);
        Close.relative(control.adjustedVariance(), 0.0033145110979054307, 1e-12);
        Close.relative(control.varianceReduction(), 0.741726407955421, 1e-12);
    }

    @Test
    void adjustedLiftFromTheAdjustedArms() {
        Cuped.Adjusted adjusted = Cuped.adjust(TREATMENT, CONTROL);
        RelativeEffect lift = RelativeEffect.ofMeans(adjusted.treatment().adjustedRatio(),
                adjusted.treatment().adjustedVariance(), adjusted.control().adjustedRatio(),
                adjusted.control().adjustedVariance(), 0.95);
        Close.effect(lift, 1e-12, 0.0085111794088494983, 0.11414595253057452,
                -0.21521077653209522, 0.2322331353497942);
    }

    @Test
    void noCovariateOrAConstantOneChangesNothing() {
        for (double value : new double[] {0, 0.5, 0.1}) {
            UserTotals treatment = withConstantCovariate(WatchThroughData.TREATMENT, value);
            UserTotals control = withConstantCovariate(WatchThroughData.CONTROL, value);
            Cuped.Adjusted adjusted = Cuped.adjust(treatment, control);
            assertThat(adjusted.theta()).isZero();
            assertThat(adjusted.treatment().adjustedRatio()).isEqualTo(treatment.ratio());
            assertThat(adjusted.control().adjustedVariance()).isCloseTo(control.ratioVariance(), within(1e-17));
            assertThat(adjusted.control().varianceReduction()).isCloseTo(0, within(1e-14));
        }
    }

    @Test
    void aCovariateThatIsTheLinearisedMetricRemovesAllVariance() {
        // X_i = 2 L_i + 5 in each arm: Σ L = 0 per arm, so X̄ = 5 in both, θ = 1/2 and L − θX is constant
        UserTotals treatment = withCovariateTwiceLinearisedPlusFive(WatchThroughData.TREATMENT);
        UserTotals control = withCovariateTwiceLinearisedPlusFive(WatchThroughData.CONTROL);
        Cuped.Adjusted adjusted = Cuped.adjust(treatment, control);
        Close.relative(adjusted.theta(), 0.5, 1e-13);
        assertThat(adjusted.treatment().adjustedVariance()).isCloseTo(0, within(1e-15));
        assertThat(adjusted.control().varianceReduction()).isCloseTo(1, within(1e-12));
        // equal covariate means: the point estimates stay where they were
        Close.relative(adjusted.treatment().adjustedRatio(), treatment.ratio(), 1e-13);
    }

    @Test
    void needsTwoUsersWithDenominatorsPerArm() {
        UserTotals one = UserTotals.of(new double[] {1}, new double[] {1}, new double[] {0.5});
        assertThatThrownBy(() -> Cuped.adjust(one, CONTROL)).hasMessageContaining("treatment");
        UserTotals noAnswers = UserTotals.of(new double[] {0, 0}, new double[] {0, 0}, new double[] {1, 2});
        assertThatThrownBy(() -> Cuped.adjust(TREATMENT, noAnswers)).hasMessageContaining("control");
    }

    private static UserTotals withConstantCovariate(double[][] users, double value) {
        double[] x = new double[users.length];
        Arrays.fill(x, value);
        return UserTotals.of(WatchThroughData.numerators(users), WatchThroughData.denominators(users), x);
    }

    private static UserTotals withCovariateTwiceLinearisedPlusFive(double[][] users) {
        double[] y = WatchThroughData.numerators(users);
        double[] n = WatchThroughData.denominators(users);
        double ratio = Arrays.stream(y).sum() / Arrays.stream(n).sum();
        double meanN = Arrays.stream(n).average().orElseThrow();
        double[] x = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            x[i] = 2 * (y[i] - ratio * n[i]) / meanN + 5;
        }
        return UserTotals.of(y, n, x);
    }
}
