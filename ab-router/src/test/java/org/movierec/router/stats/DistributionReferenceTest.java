package org.movierec.router.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Commons Statistics distributions the report uses ({@link ConfidenceInterval}, {@link StandardNormal},
 * {@link WilsonInterval}, {@link SampleRatioMismatch}), held to the reference values and tolerances the
 * hand-written distributions they replaced were held to, so that a library upgrade that loses
 * precision fails here and not in a report.
 *
 * <p>Reference values: mpmath 1.3.0 at 40 digits (t: I_x by its Gauss hypergeometric series, A&amp;S
 * 26.5.23, cross-checked by quadrature of the density; normal: {@code mp.ncdf}; chi-square:
 * {@code gammainc(k/2, x/2, inf, regularized=True)}; quantiles by high-precision bisection), printed by
 * src/test/python/stats_reference.py; plus closed forms and printed tables (t_{0.975,10} = 2.228,
 * t_{0.995,30} = 2.750, R's {@code qchisq(0.95, k)} = 3.841458820694124 and 5.991464547107979,
 * {@code qnorm(0.975)} = 1.959963984540054, {@code pnorm(1.96)} = 0.9750021048517795).
 */
class DistributionReferenceTest {

    private static double tCdf(double t, double df) {
        return TDistribution.of(df).cumulativeProbability(t);
    }

    private static double tSurvival(double t, double df) {
        return TDistribution.of(df).survivalProbability(t);
    }

    private static double tQuantile(double p, double df) {
        return TDistribution.of(df).inverseCumulativeProbability(p);
    }

    /** Student's t, as {@link ConfidenceInterval#ofMean} uses it. */
    @Nested
    class StudentsT {

        @Test
        void cdfAtSeveralDegreesOfFreedom() {
            Close.relative(tCdf(2, 5), 0.94903026058507082, 1e-14);
            Close.relative(tCdf(-3, 3.5), 0.023687619742373218, 1e-13);
            Close.relative(tCdf(-2.5, 30), 0.0090578245340333471, 1e-13);
            Close.relative(tCdf(-6, 10), 6.6054430177392802e-5, 1e-13);
            Close.relative(tCdf(-4, 1000), 3.4004959604390789e-5, 1e-13);
            Close.relative(tCdf(-50, 100), 7.2360818398806944e-73, 1e-13);
            // Large ν, as with Welch on 100 000 ratings
            Close.relative(tCdf(-1.96, 100_000), 0.024999281597150817, 1e-11);
        }

        @Test
        void closedFormsForOneAndTwoDegreesOfFreedom() {
            // ν = 1 is Cauchy: F(t) = ½ + atan(t)/π; ν = 2: F(t) = ½ + t / (2√(2 + t²)).
            Close.relative(tCdf(-1.5, 1), 0.5 + Math.atan(-1.5) / Math.PI, 1e-14);
            Close.relative(tCdf(-1.5, 1), 0.18716704181099882, 1e-14);
            Close.relative(tCdf(1, 2), 0.5 + 1 / (2 * Math.sqrt(3)), 1e-15);
            Close.relative(tCdf(1, 2), 0.78867513459481288, 1e-15);
        }

        @Test
        void symmetryTailsAndTwoSidedPValue() {
            Close.relative(tSurvival(6, 10), 6.6054430177392802e-5, 1e-13);
            Close.relative(2 * tSurvival(Math.abs(-6), 10), 2 * 6.6054430177392802e-5, 1e-13);
            assertThat(tCdf(0, 7)).isEqualTo(0.5);
            assertThat(2 * tSurvival(0, 7)).isEqualTo(1.0);
            // ν = ∞ is the standard normal
            assertThat(tCdf(-1.96, Double.POSITIVE_INFINITY))
                    .isEqualTo(NormalDistribution.of(0, 1).cumulativeProbability(-1.96));
        }

        @Test
        void quantiles() {
            Close.relative(tQuantile(0.975, 10), 2.2281388519862747, 1e-14);
            Close.relative(tQuantile(0.975, 1), 12.706204736174705, 1e-14);
            Close.relative(tQuantile(0.995, 30), 2.7499956535672253, 1e-14);
            Close.relative(tQuantile(0.025, 17.5), -2.1052329722279853, 1e-14);
            Close.relative(tQuantile(0.975, 200_000), 1.9599758459667685, 5e-12);
            Close.relative(tQuantile(1e-10, 4), -416.17514032960413, 1e-13);
            Close.relative(tQuantile(0.9, 2.5), 1.7302509288071766, 1e-14);
            assertThat(tQuantile(0.5, 3)).isZero();
            assertThat(tQuantile(0, 3)).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(tQuantile(1, 3)).isEqualTo(Double.POSITIVE_INFINITY);
        }

        @Test
        void quantileInvertsCdfAcrossDegreesOfFreedom() {
            double[] dfs = {0.5, 1, 1.7, 2, 3, 8.56, 17.776, 120, 5_000};
            double[] ps = {1e-12, 1e-4, 0.01, 0.1, 0.3, 0.6, 0.9, 0.975, 0.9999};
            for (double df : dfs) {
                for (double p : ps) {
                    double t = tQuantile(p, df);
                    Close.relative(p < 0.5 ? tCdf(t, df) : tSurvival(t, df), Math.min(p, 1 - p), 1e-12);
                }
            }
        }

        @Test
        void densityIntegratesTheCdf() {
            // f(t) = dF/dt: central difference against the density at ν = 4.5
            double h = 1e-5;
            double numeric = (tCdf(1.3 + h, 4.5) - tCdf(1.3 - h, 4.5)) / (2 * h);
            Close.relative(TDistribution.of(4.5).density(1.3), numeric, 1e-8);
        }

        @Test
        void rejectsNonPositiveDegreesOfFreedom() {
            assertThatThrownBy(() -> tCdf(1, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0");
        }
    }

    /** The standard normal, as {@link StandardNormal} uses it. */
    @Nested
    class StandardNormal {

        private final NormalDistribution normal = NormalDistribution.of(0, 1);

        @Test
        void cdfAtCentralPointsAndInTheLowerTail() {
            assertThat(normal.cumulativeProbability(0)).isEqualTo(0.5);
            Close.relative(normal.cumulativeProbability(0.5), 0.6914624612740131, 1e-15);
            Close.relative(normal.cumulativeProbability(-1), 0.15865525393145705, 1e-15);
            Close.relative(normal.cumulativeProbability(1.96), 0.97500210485177957, 1e-15);
            Close.relative(normal.cumulativeProbability(-1.96), 0.024997895148220434, 1e-14);
            Close.relative(normal.cumulativeProbability(-3), 0.0013498980316300945, 1e-14);
            Close.relative(normal.cumulativeProbability(-5), 2.8665157187919391e-7, 1e-14);
            Close.relative(normal.cumulativeProbability(-8.3), 5.2055697448902852e-17, 1e-14);
            Close.relative(normal.cumulativeProbability(-10), 7.6198530241605261e-24, 1e-14);
            Close.relative(normal.cumulativeProbability(-20), 2.7536241186062337e-89, 5e-14);
            Close.relative(normal.cumulativeProbability(-37.5), 4.6053530095819548e-308, 2e-13);
        }

        @Test
        void upperTailKeepsRelativePrecisionWhereOneMinusCdfWouldNot() {
            // 1 − Φ(6) = Φ(−6) = 9.8658764503769814e-10 (mpmath); 1 − cdf(6) has only ~7 correct digits.
            Close.relative(normal.survivalProbability(6), 9.8658764503769814e-10, 1e-14);
            // the two-sided p-value 2 (1 − Φ(|z|)) of StandardNormal
            Close.relative(2 * normal.survivalProbability(Math.abs(-1.96)), 2 * 0.024997895148220434, 1e-14);
            Close.relative(2 * normal.survivalProbability(Math.abs(1.96)), 2 * 0.024997895148220434, 1e-14);
        }

        @Test
        void quantileAtCentralPointsAndDeepTails() {
            assertThat(normal.inverseCumulativeProbability(0.5)).isEqualTo(0.0);
            Close.relative(normal.inverseCumulativeProbability(0.975), 1.9599639845400542, 1e-15);
            Close.relative(normal.inverseCumulativeProbability(0.995), 2.5758293035489008, 1e-15);
            Close.relative(normal.inverseCumulativeProbability(0.8), 0.84162123357291421, 1e-15);
            Close.relative(normal.inverseCumulativeProbability(0.001), -3.0902323061678135, 1e-15);
            Close.relative(normal.inverseCumulativeProbability(1e-10), -6.3613409024040562, 1e-15);
            Close.relative(normal.inverseCumulativeProbability(1e-100), -21.273453560965324, 1e-15);
            Close.relative(normal.inverseCumulativeProbability(1e-300), -37.047096299361199, 1e-15);
            Close.relative(normal.inverseCumulativeProbability(1 - 0x1p-40), 7.0477002566644087, 1e-14);
        }

        @Test
        void quantileInvertsCdf() {
            for (double p = 0.0005; p < 1; p += 0.0125) {
                Close.relative(normal.cumulativeProbability(normal.inverseCumulativeProbability(p)), p, 2e-14);
            }
        }

        @Test
        void edgesAndDensity() {
            assertThat(normal.inverseCumulativeProbability(0)).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(normal.inverseCumulativeProbability(1)).isEqualTo(Double.POSITIVE_INFINITY);
            assertThatThrownBy(() -> normal.inverseCumulativeProbability(1.5))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(normal.cumulativeProbability(Double.NaN)).isNaN();
            assertThat(normal.cumulativeProbability(Double.NEGATIVE_INFINITY)).isZero();
            assertThat(normal.cumulativeProbability(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
            // φ(0) = 1/√(2π)
            Close.relative(normal.density(0), 1 / Math.sqrt(2 * Math.PI), 1e-15);
        }
    }

    /** Chi-square, as {@link SampleRatioMismatch} uses it. */
    @Nested
    class ChiSquare {

        private static double survival(double x, double df) {
            return ChiSquaredDistribution.of(df).survivalProbability(x);
        }

        @Test
        void survivalAtTableValuesAndInTheTail() {
            Close.relative(survival(3.841458820694124, 1), 0.050000000000000058, 1e-14);
            Close.relative(survival(5.991464547107979, 2), 0.050000000000000075, 1e-14);
            Close.relative(survival(1, 1), 0.3173105078629141, 1e-14);
            Close.relative(survival(16, 1), 6.3342483666239843e-5, 1e-14);
            Close.relative(survival(7.5, 3), 0.057558451972636407, 1e-14);
            Close.relative(survival(30, 10), 0.00085664121077530039, 1e-14);
            Close.relative(survival(300, 30), 2.6480484856308777e-46, 5e-14);
            Close.relative(survival(1000, 3), 1.7994208765314477e-216, 5e-14);
        }

        @Test
        void closedForms() {
            // k = 1: 2Φ(−√x); k = 2: e^{−x/2}; k = 4: e^{−x/2}(1 + x/2)
            Close.relative(survival(16, 1), 2 * NormalDistribution.of(0, 1).cumulativeProbability(-4), 1e-14);
            Close.relative(survival(2.5, 2), Math.exp(-1.25), 1e-14);
            double x = 9.9901433691756272;
            Close.relative(survival(x, 4), Math.exp(-x / 2) * (1 + x / 2), 1e-14);
        }

        @Test
        void cdfKeepsPrecisionNearZero() {
            // P(χ²₇ ≤ 0.01) = 7.5694096596934225e-10 (mpmath); 1 − survival would keep ~7 digits.
            Close.relative(ChiSquaredDistribution.of(7).cumulativeProbability(0.01), 7.5694096596934225e-10, 1e-14);
            Close.relative(survival(0.01, 7), 0.99999999924305903, 1e-15);
            assertThat(ChiSquaredDistribution.of(3).cumulativeProbability(0)).isZero();
            assertThat(survival(0, 3)).isEqualTo(1.0);
            assertThat(survival(Double.POSITIVE_INFINITY, 3)).isZero();
        }
    }
}
