package org.movierec.router.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Reference values: mpmath 1.3.0 at 40 digits (I_x by its Gauss hypergeometric series, A&amp;S
 * 26.5.23, cross-checked by numerical quadrature of the density; quantiles by high-precision
 * bisection), printed by src/test/python/stats_reference.py; plus closed forms for ν = 1 and 2 and
 * the printed tables (t_{0.975,10} = 2.228, t_{0.995,30} = 2.750).
 */
class StudentTTest {

    @Test
    void cdfAtSeveralDegreesOfFreedom() {
        Close.relative(StudentT.cdf(2, 5), 0.94903026058507082, 1e-14);
        Close.relative(StudentT.cdf(-3, 3.5), 0.023687619742373218, 1e-13);
        Close.relative(StudentT.cdf(-2.5, 30), 0.0090578245340333471, 1e-13);
        Close.relative(StudentT.cdf(-6, 10), 6.6054430177392802e-5, 1e-13);
        Close.relative(StudentT.cdf(-4, 1000), 3.4004959604390789e-5, 1e-13);
        Close.relative(StudentT.cdf(-50, 100), 7.2360818398806944e-73, 1e-13);
        // Large ν, as with Welch on 100 000 ratings: accurate to about 1e-12 (see Beta).
        Close.relative(StudentT.cdf(-1.96, 100_000), 0.024999281597150817, 1e-11);
    }

    @Test
    void closedFormsForOneAndTwoDegreesOfFreedom() {
        // ν = 1 is Cauchy: F(t) = ½ + atan(t)/π; ν = 2: F(t) = ½ + t / (2√(2 + t²)).
        Close.relative(StudentT.cdf(-1.5, 1), 0.5 + Math.atan(-1.5) / Math.PI, 1e-14);
        Close.relative(StudentT.cdf(-1.5, 1), 0.18716704181099882, 1e-14);
        Close.relative(StudentT.cdf(1, 2), 0.5 + 1 / (2 * Math.sqrt(3)), 1e-15);
        Close.relative(StudentT.cdf(1, 2), 0.78867513459481288, 1e-15);
    }

    @Test
    void symmetryTailsAndTwoSidedPValue() {
        Close.relative(StudentT.survival(6, 10), 6.6054430177392802e-5, 1e-13);
        Close.relative(StudentT.twoSidedPValue(-6, 10), 2 * 6.6054430177392802e-5, 1e-13);
        assertThat(StudentT.cdf(0, 7)).isEqualTo(0.5);
        assertThat(StudentT.twoSidedPValue(0, 7)).isEqualTo(1.0);
        // ν = ∞ is the standard normal
        assertThat(StudentT.cdf(-1.96, Double.POSITIVE_INFINITY)).isEqualTo(Normal.cdf(-1.96));
    }

    @Test
    void quantiles() {
        Close.relative(StudentT.quantile(0.975, 10), 2.2281388519862747, 1e-14);
        Close.relative(StudentT.quantile(0.975, 1), 12.706204736174705, 1e-14);
        Close.relative(StudentT.quantile(0.995, 30), 2.7499956535672253, 1e-14);
        Close.relative(StudentT.quantile(0.025, 17.5), -2.1052329722279853, 1e-14);
        // ν = 200 000: limited by the distribution function's ~2e-12 there (see Beta)
        Close.relative(StudentT.quantile(0.975, 200_000), 1.9599758459667685, 5e-12);
        Close.relative(StudentT.quantile(1e-10, 4), -416.17514032960413, 1e-13);
        Close.relative(StudentT.quantile(0.9, 2.5), 1.7302509288071766, 1e-14);
        assertThat(StudentT.quantile(0.5, 3)).isZero();
        assertThat(StudentT.quantile(0, 3)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(StudentT.quantile(1, 3)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void quantileInvertsCdfAcrossDegreesOfFreedom() {
        double[] dfs = {0.5, 1, 1.7, 2, 3, 8.56, 17.776, 120, 5_000};
        double[] ps = {1e-12, 1e-4, 0.01, 0.1, 0.3, 0.6, 0.9, 0.975, 0.9999};
        for (double df : dfs) {
            for (double p : ps) {
                double t = StudentT.quantile(p, df);
                Close.relative(p < 0.5 ? StudentT.cdf(t, df) : StudentT.survival(t, df), Math.min(p, 1 - p), 1e-12);
            }
        }
    }

    @Test
    void densityIntegratesTheCdf() {
        // f(t) = dF/dt: central difference against the density at ν = 4.5
        double h = 1e-5;
        double numeric = (StudentT.cdf(1.3 + h, 4.5) - StudentT.cdf(1.3 - h, 4.5)) / (2 * h);
        Close.relative(StudentT.density(1.3, 4.5), numeric, 1e-8);
    }

    @Test
    void rejectsNonPositiveDegreesOfFreedom() {
        assertThatThrownBy(() -> StudentT.cdf(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("degrees of freedom");
        assertThatThrownBy(() -> StudentT.quantile(0.5, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
