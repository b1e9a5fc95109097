package org.movierec.router.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Reference values from src/test/python/experiment_analysis_reference.py: statsmodels' OLS of the raw
 * answer rows on a constant with {@code cov_type='cluster'} by user (equal to numpy's delta method on
 * the per-user totals; both carry the factor K/(K − 1)), and its non-robust variance s²/n for the
 * design effect. The Java side only gets the per-user sums.
 */
class UserTotalsTest {

    private static final UserTotals TREATMENT = WatchThroughData.totals(WatchThroughData.TREATMENT);
    private static final UserTotals CONTROL = WatchThroughData.totals(WatchThroughData.CONTROL);

    @Test
    void ratioAndClusteredVarianceMatchStatsmodelsOnTheRawRows() {
        assertThat(TREATMENT.users()).isEqualTo(10);
        assertThat(TREATMENT.sumN()).isEqualTo(36);
        Close.relative(TREATMENT.ratio(), 0.63888888888888895, 1e-15);
        Close.relative(TREATMENT.ratioVariance(), 0.0081275190943115045, 1e-12);
        Close.relative(TREATMENT.unitVariance(), 0.081275190943115042, 1e-12);
        assertThat(CONTROL.users()).isEqualTo(9);
        Close.relative(CONTROL.ratio(), 0.56666666666666654, 1e-15);
        Close.relative(CONTROL.ratioVariance(), 0.012833333333333334, 1e-12);
        Close.relative(CONTROL.unitVariance(), 0.11550000000000001, 1e-12);
    }

    @Test
    void designEffectAgainstTheRowsAsIfIndependent() {
        Close.relative(UserTotals.designEffect(TREATMENT.ratioVariance(), naiveVariance(WatchThroughData.TREATMENT)),
                1.232990856581839, 1e-12);
        Close.relative(UserTotals.designEffect(CONTROL.ratioVariance(), naiveVariance(WatchThroughData.CONTROL)),
                1.5156108597285076, 1e-12);
    }

    @Test
    void oneRowPerUserGivesTheVarianceOfTheMean() {
        double[] y = {0.3, 1.7, 0.2, 2.9, 0.8, 1.1};
        double[] ones = new double[y.length];
        Arrays.fill(ones, 1);
        UserTotals totals = UserTotals.of(y, ones);
        SampleSummary summary = SampleSummary.of(y);
        Close.relative(totals.ratio(), summary.mean(), 1e-15);
        Close.relative(totals.ratioVariance(), summary.variance() / y.length, 1e-13);
        assertThat(UserTotals.designEffect(totals.ratioVariance(), summary.variance() / y.length))
                .isCloseTo(1, within(1e-13));
    }

    @Test
    void doublingEveryUsersNumeratorAndDenominatorChangesNothing() {
        double[] y = WatchThroughData.numerators(WatchThroughData.CONTROL);
        double[] n = WatchThroughData.denominators(WatchThroughData.CONTROL);
        UserTotals doubled = UserTotals.of(Arrays.stream(y).map(v -> 2 * v).toArray(),
                Arrays.stream(n).map(v -> 2 * v).toArray());
        Close.relative(doubled.ratio(), CONTROL.ratio(), 1e-15);
        Close.relative(doubled.ratioVariance(), CONTROL.ratioVariance(), 1e-13);
    }

    @Test
    void everyUserTwiceScalesTheVarianceByKMinusOneOverTwoKMinusOne() {
        UserTotals twice = CONTROL.plus(CONTROL);
        long k = CONTROL.users();
        assertThat(twice.users()).isEqualTo(2 * k);
        Close.relative(twice.ratio(), CONTROL.ratio(), 1e-15);
        Close.relative(twice.ratioVariance() / CONTROL.ratioVariance(), (k - 1.0) / (2 * k - 1), 1e-13);
    }

    @Test
    void plusEqualsTheTotalsOfAllUsers() {
        double[][] all = new double[WatchThroughData.TREATMENT.length + WatchThroughData.CONTROL.length][];
        System.arraycopy(WatchThroughData.TREATMENT, 0, all, 0, WatchThroughData.TREATMENT.length);
        System.arraycopy(WatchThroughData.CONTROL, 0, all, WatchThroughData.TREATMENT.length,
                WatchThroughData.CONTROL.length);
        UserTotals pooled = WatchThroughData.totals(all);
        UserTotals plus = TREATMENT.plus(CONTROL);
        assertThat(plus.users()).isEqualTo(pooled.users());
        Close.relative(plus.ratio(), pooled.ratio(), 1e-15);
        Close.relative(plus.ratioVariance(), pooled.ratioVariance(), 1e-13);
    }

    @Test
    void tooFewUsersOrNoDenominatorGiveNaN() {
        assertThat(UserTotals.of(new double[] {1}, new double[] {2}).ratioVariance()).isNaN();
        assertThat(UserTotals.of(new double[] {0, 0}, new double[] {0, 0}).ratio()).isNaN();
        assertThat(UserTotals.of(new double[] {0, 0}, new double[] {0, 0}).ratioVariance()).isNaN();
        UserTotals none = UserTotals.of(new double[0], new double[0]);
        assertThat(none.meanN()).isNaN();
        assertThat(none.ratioVariance()).isNaN();
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> UserTotals.of(new double[] {1}, new double[] {1, 2}))
                .hasMessageContaining("three values per user");
        assertThatThrownBy(() -> UserTotals.withoutCovariate(-1, 0, 0, 0, 0, 0)).hasMessageContaining("users");
        assertThatThrownBy(() -> UserTotals.withoutCovariate(0, 1, 0, 0, 0, 0)).hasMessageContaining("zero sums");
        assertThatThrownBy(() -> UserTotals.withoutCovariate(2, Double.NaN, 1, 0, 1, 0))
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> UserTotals.withoutCovariate(2, 1, -1, 1, 1, 0)).hasMessageContaining(">= 0");
    }

    /** s²/n of the rows, the variance of the mean if the rows were independent. */
    private static double naiveVariance(double[][] users) {
        SampleSummary rows = SampleSummary.of(WatchThroughData.rows(users));
        return rows.variance() / rows.count();
    }
}
