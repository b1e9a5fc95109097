package org.movierec.router.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SampleSummaryTest {

    /** R's sleep data, group 1: mean 0.75, var 3.200556 (exactly 2880.5/900 = 28.805/9). */
    private static final double[] SLEEP_1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};

    @Test
    void welfordFromValues() {
        SampleSummary s = SampleSummary.of(SLEEP_1);
        assertThat(s.count()).isEqualTo(10);
        assertThat(s.mean()).isCloseTo(0.75, within(1e-15));
        // Σ(x − 0.75)² = 28.805 (exact in fractions), s² = 28.805 / 9
        assertThat(s.variance()).isCloseTo(28.805 / 9, within(1e-14));
        assertThat(s.sum()).isCloseTo(7.5, within(1e-14));
        assertThat(s.standardErrorOfMean()).isCloseTo(Math.sqrt(28.805 / 9 / 10), within(1e-15));
    }

    @Test
    void fromSumsAndFromMomentsAgreeWithWelford() {
        double sum = 0;
        double sumOfSquares = 0;
        for (double x : SLEEP_1) {
            sum += x;
            sumOfSquares += x * x;
        }
        SampleSummary fromSums = SampleSummary.fromSums(10, sum, sumOfSquares);
        assertThat(fromSums.mean()).isCloseTo(0.75, within(1e-15));
        assertThat(fromSums.variance()).isCloseTo(28.805 / 9, within(1e-14));
        SampleSummary fromMoments = SampleSummary.fromMoments(10, 0.75, 28.805 / 9);
        assertThat(fromMoments.variance()).isCloseTo(28.805 / 9, within(1e-15));
    }

    @Test
    void mergeEqualsOnePass() {
        SplittableRandom random = new SplittableRandom(7);
        SampleSummary all = SampleSummary.EMPTY;
        SampleSummary left = SampleSummary.EMPTY;
        SampleSummary right = SampleSummary.EMPTY;
        for (int i = 0; i < 1000; i++) {
            double x = 1e6 + random.nextDouble();
            all = all.add(x);
            left = i < 300 ? left.add(x) : left;
            right = i < 300 ? right : right.add(x);
        }
        SampleSummary merged = left.merge(right);
        assertThat(merged.count()).isEqualTo(1000);
        assertThat(merged.mean()).isCloseTo(all.mean(), within(1e-9));
        // values near 10⁶ carry ~1e-10 rounding each, so the two orders agree to ~1e-11
        assertThat(merged.variance()).isCloseTo(all.variance(), within(1e-10));
        // Welford stays accurate with a large offset: uniform variance 1/12
        assertThat(all.variance()).isCloseTo(1.0 / 12, within(0.01));
        assertThat(SampleSummary.EMPTY.merge(left)).isEqualTo(left);
    }

    @Test
    void smallSamplesAndValidation() {
        assertThat(SampleSummary.EMPTY.mean()).isNaN();
        assertThat(SampleSummary.of(3).variance()).isNaN();
        assertThat(SampleSummary.of(3).mean()).isEqualTo(3.0);
        assertThat(SampleSummary.fromSums(0, 0, 0)).isEqualTo(SampleSummary.EMPTY);
        // rounding may make Σx² − (Σx)²/n slightly negative: clamped to 0
        assertThat(SampleSummary.fromSums(3, 0.3, 0.030000000000000002 - 1e-18).variance()).isGreaterThanOrEqualTo(0);
        assertThatThrownBy(() -> SampleSummary.fromSums(-1, 0, 0)).hasMessageContaining("count");
        assertThatThrownBy(() -> SampleSummary.fromSums(0, 1, 1)).hasMessageContaining("empty");
        assertThatThrownBy(() -> SampleSummary.of(Double.NaN)).hasMessageContaining("finite");
        assertThatThrownBy(() -> SampleSummary.fromMoments(5, 1, -1)).hasMessageContaining("variance");
    }
}
