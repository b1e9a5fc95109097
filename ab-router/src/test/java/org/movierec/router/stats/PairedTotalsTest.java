package org.movierec.router.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PairedTotalsTest {

    private static final double[] A = PairedComparisonTest.squaredErrorSums(PairedComparisonTest.ERRORS_T);
    private static final double[] B = PairedComparisonTest.squaredErrorSums(PairedComparisonTest.ERRORS_C);
    private static final double[] M = WatchThroughData.denominators(PairedComparisonTest.ERRORS_T);

    @Test
    void sumsOverUsers() {
        PairedTotals totals = PairedComparisonTest.TOTALS;
        assertThat(totals.users()).isEqualTo(8);
        assertThat(totals.sumM()).isEqualTo(26);
        // 26 ratings: ΣA = 26 · 0.755 and ΣB = 26 · 1.19846… (the reference MSEs), ΣM² = 9+1+25+4+16+9+4+36
        Close.relative(totals.sumA(), 19.63, 1e-14);
        Close.relative(totals.sumB(), 31.16, 1e-14);
        assertThat(totals.sumMM()).isEqualTo(104);
    }

    @Test
    void eachModelAndTheDifferenceAreRatiosOverTheRatings() {
        PairedTotals totals = PairedComparisonTest.TOTALS;
        Close.relative(totals.treatment().ratioVariance(), UserTotals.of(A, M).ratioVariance(), 1e-15);
        Close.relative(totals.control().ratioVariance(), UserTotals.of(B, M).ratioVariance(), 1e-15);
        double[] d = new double[A.length];
        Arrays.setAll(d, i -> A[i] - B[i]);
        UserTotals direct = UserTotals.of(d, M);
        Close.relative(totals.difference().ratio(), direct.ratio(), 1e-14);
        Close.relative(totals.difference().ratioVariance(), direct.ratioVariance(), 1e-13);
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> PairedTotals.of(new double[] {1}, new double[] {1}, new double[] {1.5}))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> PairedTotals.of(new double[] {-1}, new double[] {1}, new double[] {1}))
                .hasMessageContaining(">= 0");
        assertThatThrownBy(() -> PairedTotals.of(new double[] {1}, new double[] {1}, new double[0]))
                .hasMessageContaining("three values per user");
        assertThatThrownBy(() -> new PairedTotals(0, 1, 0, 0, 0, 0, 0, 0, 0, 0)).hasMessageContaining("zero sums");
    }
}
