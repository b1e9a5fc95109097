package org.movierec.router.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Reference values: X² exact in Python fractions, p-values from mpmath at 40 digits
 * (src/test/python/stats_reference.py), equal to R's {@code chisq.test(o, p = w, rescale.p = TRUE)}.
 * Two are R's own documentation examples of {@code chisq.test}: x = c(A = 20, B = 15, C = 25) gives
 * X-squared = 2.5, df = 2, p-value = 0.2865; x = c(89, 37, 30, 28, 2) with p = c(40, 20, 20, 15, 5)
 * gives X-squared = 9.9901, df = 4, p-value = 0.04059.
 */
class SampleRatioMismatchTest {

    @Test
    void balancedCountsPass() {
        SampleRatioMismatch exact = SampleRatioMismatch.check(new long[] {5000, 5000}, new double[] {50, 50});
        assertThat(exact.statistic()).isZero();
        assertThat(exact.pValue()).isEqualTo(1.0);
        assertThat(exact.mismatch()).isFalse();
        SampleRatioMismatch noise = SampleRatioMismatch.check(new long[] {5050, 4950}, new double[] {50, 50});
        Close.relative(noise.statistic(), 1.0, 1e-15);
        assertThat(noise.degreesOfFreedom()).isEqualTo(1);
        Close.relative(noise.pValue(), 0.3173105078629141, 1e-14);
        assertThat(noise.mismatch()).isFalse();
        assertThat(noise.expected()).containsExactly(5000.0, 5000.0);
    }

    @Test
    void skewedCountsAreFlagged() {
        SampleRatioMismatch skewed = SampleRatioMismatch.check(new long[] {5200, 4800}, new double[] {50, 50});
        Close.relative(skewed.statistic(), 16.0, 1e-15);
        Close.relative(skewed.pValue(), 6.3342483666239843e-5, 1e-14);
        assertThat(skewed.mismatch()).isTrue();
        SampleRatioMismatch canary = SampleRatioMismatch.check(new long[] {8900, 1100}, new double[] {90, 10});
        Close.relative(canary.statistic(), 11.111111111111111, 1e-14);
        Close.relative(canary.pValue(), 0.00085812066639367497, 1e-13);
        assertThat(canary.mismatch()).isTrue();
        SampleRatioMismatch threeArms = SampleRatioMismatch.check(new long[] {33500, 33000, 33500},
                new double[] {34, 33, 33});
        Close.relative(threeArms.statistic(), 14.928698752228164, 1e-14);
        assertThat(threeArms.degreesOfFreedom()).isEqualTo(2);
        Close.relative(threeArms.pValue(), 0.00057315786326452884, 1e-13);
        assertThat(threeArms.mismatch()).isTrue();
        // a laxer threshold is configurable
        assertThat(SampleRatioMismatch.check(new long[] {5050, 4950}, new double[] {50, 50}, 0.5).mismatch()).isTrue();
    }

    @Test
    void rDocumentationExamples() {
        SampleRatioMismatch equal = SampleRatioMismatch.check(new long[] {20, 15, 25}, new double[] {1, 1, 1});
        Close.relative(equal.statistic(), 2.5, 1e-15);
        Close.relative(equal.pValue(), 0.2865047968601901, 1e-14);
        SampleRatioMismatch weighted = SampleRatioMismatch.check(new long[] {89, 37, 30, 28, 2},
                new double[] {40, 20, 20, 15, 5});
        Close.relative(weighted.statistic(), 9.9901433691756272, 1e-14);
        assertThat(weighted.degreesOfFreedom()).isEqualTo(4);
        Close.relative(weighted.pValue(), 0.040594043344781206, 1e-13);
        assertThat(weighted.mismatch()).isFalse();
    }

    @Test
    void zeroWeightArms() {
        SampleRatioMismatch empty = SampleRatioMismatch.check(new long[] {5050, 4950, 0}, new double[] {50, 50, 0});
        assertThat(empty.degreesOfFreedom()).isEqualTo(1);
        Close.relative(empty.pValue(), 0.3173105078629141, 1e-14);
        SampleRatioMismatch leak = SampleRatioMismatch.check(new long[] {5000, 5000, 1}, new double[] {50, 50, 0});
        assertThat(leak.statistic()).isInfinite();
        assertThat(leak.pValue()).isZero();
        assertThat(leak.mismatch()).isTrue();
        SampleRatioMismatch single = SampleRatioMismatch.check(new long[] {123, 0}, new double[] {100, 0});
        assertThat(single.pValue()).isEqualTo(1.0);
        SampleRatioMismatch nothing = SampleRatioMismatch.check(new long[] {0, 0}, new double[] {50, 50});
        assertThat(nothing.mismatch()).isFalse();
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> SampleRatioMismatch.check(new long[] {1, 2}, new double[] {100}))
                .hasMessageContaining("one observed count per weight");
        assertThatThrownBy(() -> SampleRatioMismatch.check(new long[] {1, 2}, new double[] {0, 0}))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> SampleRatioMismatch.check(new long[] {-1, 2}, new double[] {50, 50}))
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> SampleRatioMismatch.check(new long[] {1, 2}, new double[] {50, 50}, 0))
                .hasMessageContaining("threshold");
    }
}
