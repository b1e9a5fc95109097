package org.movierec.router.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Reference values from src/test/python/experiment_analysis_reference.py, computed from the raw
 * per-rating rows: the mean difference and its standard error from statsmodels' OLS of
 * d = e²_T − e²_C on a constant, {@code cov_type='cluster'} by user (factor K/(K − 1), as here); the
 * joint covariance of the two MSEs from the stacked OLS with one indicator per model, clustered by user
 * (statsmodels' extra (n − 1)/(n − 2) divided out); the relative RMSE change with sympy's gradient, and
 * checked there a second way (√R − 1, R = ΣA/ΣB, Var(R)/(4R) by linearisation).
 */
class PairedComparisonTest {

    /** Prediction errors of the treatment model, per user and rating. */
    static final double[][] ERRORS_T = {{0.5, -1.2, 0.3}, {1.1}, {-0.4, 0.6, -0.8, 0.2, 1.5}, {2.1, -0.3},
        {0.0, 0.7, -0.6, 0.4}, {-1.7, 0.9, 0.2}, {0.8, -0.1}, {-0.9, 1.3, 0.5, -0.2, 0.1, 0.7}};
    /** Prediction errors of the control model on the same ratings. */
    static final double[][] ERRORS_C = {{0.9, -1.5, 0.2}, {1.4}, {-0.7, 0.9, -1.0, 0.1, 1.9}, {2.0, -0.8},
        {0.3, 1.2, -0.5, 0.9}, {-2.2, 1.3, 0.6}, {0.6, -0.4}, {-1.1, 1.6, 0.4, -0.6, 0.5, 1.0}};

    static final PairedTotals TOTALS = PairedTotals.of(squaredErrorSums(ERRORS_T), squaredErrorSums(ERRORS_C),
            WatchThroughData.denominators(ERRORS_T));

    @Test
    void matchesTheClusterRobustRegressionOnTheRawRatings() {
        PairedComparison paired = PairedComparison.compare(TOTALS, 0.95);

        assertThat(paired.users()).isEqualTo(8);
        assertThat(paired.ratings()).isEqualTo(26);
        Close.relative(paired.mseT(), 0.755, 1e-15);
        Close.relative(paired.mseC(), 1.1984615384615387, 1e-15);
        Close.relative(paired.rmseT(), 0.86890735984913836, 1e-15);
        Close.relative(paired.rmseC(), 1.094742681392088, 1e-15);
        Close.relative(paired.meanDifference(), -0.44346153846153835, 1e-14);
        Close.relative(paired.standardError(), 0.094365895834450028, 1e-12);
        Close.relative(paired.interval().lower(), -0.62841529566591869, 1e-13);
        Close.relative(paired.interval().upper(), -0.25850778125715801, 1e-12);
        Close.relative(paired.z(), -4.6993835488990765, 1e-12);
        Close.relative(paired.pValue(), 2.6094796666857544e-06, 1e-11);
        RelativeEffect relative = paired.relativeRmseChange();
        Close.effect(relative, 1e-12, -0.20629077990800065, 0.040354319824043514,
                -0.28538379338373665, -0.12719776643226463);
    }

    @Test
    void pairingIsFarMorePowerfulThanComparingIndependentArms() {
        PairedComparison paired = PairedComparison.compare(TOTALS, 0.95);
        UserTotals treatment = TOTALS.treatment();
        UserTotals control = TOTALS.control();
        Close.relative(treatment.ratioVariance(), 0.030398816568047313, 1e-12);
        Close.relative(control.ratioVariance(), 0.047035125820924666, 1e-12);
        RelativeEffect unpaired = RelativeEffect.ofRootMeans(treatment.ratio(), treatment.ratioVariance(),
                control.ratio(), control.ratioVariance(), 0.95);
        Close.relative(unpaired.standardError(), 0.11643210626057926, 1e-12);
        assertThat(paired.relativeRmseChange().standardError()).isLessThan(unpaired.standardError() / 2);
        assertThat(unpaired.interval().contains(0)).isTrue();
        assertThat(paired.relativeRmseChange().interval().contains(0)).isFalse();
    }

    @Test
    void swappingTheModelsMirrorsTheDifference() {
        PairedComparison forward = PairedComparison.compare(TOTALS, 0.95);
        PairedTotals swapped = PairedTotals.of(squaredErrorSums(ERRORS_C), squaredErrorSums(ERRORS_T),
                WatchThroughData.denominators(ERRORS_T));
        PairedComparison backward = PairedComparison.compare(swapped, 0.95);
        Close.relative(backward.meanDifference(), -forward.meanDifference(), 1e-15);
        Close.relative(backward.standardError(), forward.standardError(), 1e-13);
        Close.relative(backward.pValue(), forward.pValue(), 1e-12);
        // √(ΣB/ΣA) − 1 = 1/(1 + f) − 1
        Close.relative(backward.relativeRmseChange().estimate(),
                1 / (1 + forward.relativeRmseChange().estimate()) - 1, 1e-14);
    }

    @Test
    void identicalModelsShowNoDifference() {
        double[] a = squaredErrorSums(ERRORS_T);
        PairedComparison same = PairedComparison.compare(
                PairedTotals.of(a, a.clone(), WatchThroughData.denominators(ERRORS_T)), 0.95);
        assertThat(same.meanDifference()).isZero();
        assertThat(same.standardError()).isZero();
        assertThat(same.z()).isZero();
        assertThat(same.pValue()).isEqualTo(1.0);
        assertThat(same.relativeRmseChange().estimate()).isZero();
        assertThat(same.relativeRmseChange().standardError()).isCloseTo(0, within(1e-9));
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> PairedComparison.compare(PairedTotals.of(new double[] {1}, new double[] {1},
                new double[] {1}), 0.95)).hasMessageContaining("at least 2 users");
        assertThatThrownBy(() -> PairedComparison.compare(TOTALS, 0)).hasMessageContaining("confidence");
    }

    /** A_i: the sum of the user's squared errors. */
    static double[] squaredErrorSums(double[][] errors) {
        return Arrays.stream(errors).mapToDouble(user -> Arrays.stream(user).map(e -> e * e).sum()).toArray();
    }
}
