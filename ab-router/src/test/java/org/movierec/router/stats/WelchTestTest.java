package org.movierec.router.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WelchTestTest {

    /**
     * R's sleep data (R documentation of {@code t.test}): {@code t.test(extra ~ group, data = sleep)}
     * prints t = -1.8608, df = 17.776, p-value = 0.07939, 95 percent confidence interval
     * -3.3654832 0.2054832. Full precision from src/test/python/stats_reference.py (exact moments in
     * fractions, t distribution in mpmath at 40 digits).
     */
    @Test
    void sleepDataMatchesR() {
        SampleSummary group1 = SampleSummary.of(0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0);
        SampleSummary group2 = SampleSummary.of(1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4);

        WelchTest welch = WelchTest.compare(group1, group2);

        Close.relative(welch.difference(), -1.58, 1e-14);
        Close.relative(welch.standardError(), 0.84909101723876196, 1e-14);
        Close.relative(welch.degreesOfFreedom(), 17.77647351617849, 1e-13);
        Close.relative(welch.t(), -1.8608134674868531, 1e-13);
        Close.relative(welch.pValue(), 0.079394140187358138, 1e-12);
        Close.relative(welch.confidenceInterval().lower(), -3.365483230711711, 1e-13);
        Close.relative(welch.confidenceInterval().upper(), 0.20548323071171097, 1e-12);
        // as R prints it
        assertThat(welch.t()).isCloseTo(-1.8608, within(5e-5));
        assertThat(welch.degreesOfFreedom()).isCloseTo(17.776, within(5e-4));
        assertThat(welch.pValue()).isCloseTo(0.07939, within(5e-6));
    }

    /**
     * Squared errors of two arms of unequal size (hand-written); reference from
     * src/test/python/stats_reference.py (exact fractions + mpmath), i.e. R's
     * {@code t.test(c(0.25, 1.44, 0.09, 2.56, 0.64, 0.01, 1.21), c(0.81, 3.24, 1.69, 0.49, 4.00, 2.25))}.
     */
    @Test
    void squaredErrorsOfTwoArms() {
        WelchTest welch = WelchTest.compare(ConfidenceIntervalTest.CANDIDATE_SQUARED_ERRORS,
                ConfidenceIntervalTest.CONTROL_SQUARED_ERRORS);

        Close.relative(welch.difference(), -1.1942857142857143, 1e-14);
        Close.relative(welch.standardError(), 0.65784227789420316, 1e-14);
        Close.relative(welch.degreesOfFreedom(), 8.5584471025496009, 1e-13);
        Close.relative(welch.t(), -1.8154590460629898, 1e-13);
        Close.relative(welch.pValue(), 0.10455625663434926, 1e-12);
        Close.relative(welch.confidenceInterval().lower(), -2.6942145542787259, 1e-13);
        Close.relative(welch.confidenceInterval().upper(), 0.30564312570729736, 1e-12);
    }

    @Test
    void sameResultFromSqlSums() {
        double[] values = {0.25, 1.44, 0.09, 2.56, 0.64, 0.01, 1.21};
        double sum = 0;
        double sumOfSquares = 0;
        for (double v : values) {
            sum += v;
            sumOfSquares += v * v;
        }
        WelchTest fromSums = WelchTest.compare(SampleSummary.fromSums(values.length, sum, sumOfSquares),
                ConfidenceIntervalTest.CONTROL_SQUARED_ERRORS);
        Close.relative(fromSums.pValue(), 0.10455625663434926, 1e-12);
    }

    @Test
    void constantSamples() {
        WelchTest equal = WelchTest.compare(SampleSummary.of(1, 1, 1), SampleSummary.of(1, 1));
        assertThat(equal.pValue()).isEqualTo(1.0);
        assertThat(equal.t()).isZero();
        WelchTest different = WelchTest.compare(SampleSummary.of(2, 2, 2), SampleSummary.of(1, 1));
        assertThat(different.pValue()).isZero();
        assertThat(different.t()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(different.confidenceInterval().lower()).isEqualTo(1.0);
    }

    @Test
    void needsTwoValuesPerArm() {
        assertThatThrownBy(() -> WelchTest.compare(SampleSummary.of(1), SampleSummary.of(1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 values");
    }
}
