package org.movierec.router.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Reference values: mpmath 1.3.0 at 40 digits ({@code mp.ncdf}; quantiles by high-precision bisection
 * on it), printed by src/test/python/stats_reference.py. Where R's output is well known it agrees,
 * e.g. R {@code qnorm(0.975)} = 1.959963984540054, {@code pnorm(1.96)} = 0.9750021048517795.
 */
class NormalTest {

    @Test
    void cdfAtCentralPointsAndInTheLowerTail() {
        assertThat(Normal.cdf(0)).isEqualTo(0.5);
        Close.relative(Normal.cdf(0.5), 0.6914624612740131, 1e-15);
        Close.relative(Normal.cdf(-1), 0.15865525393145705, 1e-15);
        Close.relative(Normal.cdf(1.96), 0.97500210485177957, 1e-15);
        Close.relative(Normal.cdf(-1.96), 0.024997895148220434, 1e-14);
        Close.relative(Normal.cdf(-3), 0.0013498980316300945, 1e-14);
        Close.relative(Normal.cdf(-5), 2.8665157187919391e-7, 1e-14);
        Close.relative(Normal.cdf(-8.3), 5.2055697448902852e-17, 1e-14);
        Close.relative(Normal.cdf(-10), 7.6198530241605261e-24, 1e-14);
        Close.relative(Normal.cdf(-20), 2.7536241186062337e-89, 5e-14);
        Close.relative(Normal.cdf(-37.5), 4.6053530095819548e-308, 2e-13);
    }

    @Test
    void upperTailKeepsRelativePrecisionWhereOneMinusCdfWouldNot() {
        // 1 − Φ(6) = Φ(−6) = 9.8658764503769814e-10 (mpmath); 1 − cdf(6) has only ~7 correct digits.
        Close.relative(Normal.survival(6), 9.8658764503769814e-10, 1e-14);
        Close.relative(Normal.twoSidedPValue(-1.96), 2 * 0.024997895148220434, 1e-14);
        Close.relative(Normal.twoSidedPValue(1.96), 2 * 0.024997895148220434, 1e-14);
    }

    @Test
    void quantileAtCentralPointsAndDeepTails() {
        assertThat(Normal.quantile(0.5)).isEqualTo(0.0);
        Close.relative(Normal.quantile(0.975), 1.9599639845400542, 1e-15);
        Close.relative(Normal.quantile(0.995), 2.5758293035489008, 1e-15);
        Close.relative(Normal.quantile(0.8), 0.84162123357291421, 1e-15);
        Close.relative(Normal.quantile(0.001), -3.0902323061678135, 1e-15);
        Close.relative(Normal.quantile(1e-10), -6.3613409024040562, 1e-15);
        Close.relative(Normal.quantile(1e-100), -21.273453560965324, 1e-15);
        Close.relative(Normal.quantile(1e-300), -37.047096299361199, 1e-15);
        Close.relative(Normal.quantile(1 - 0x1p-40), 7.0477002566644087, 1e-14);
    }

    @Test
    void quantileInvertsCdf() {
        for (double p = 0.0005; p < 1; p += 0.0125) {
            Close.relative(Normal.cdf(Normal.quantile(p)), p, 2e-14);
        }
    }

    @Test
    void edgesAndDensity() {
        assertThat(Normal.quantile(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Normal.quantile(1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Normal.quantile(1.5)).isNaN();
        assertThat(Normal.cdf(Double.NaN)).isNaN();
        assertThat(Normal.cdf(Double.NEGATIVE_INFINITY)).isZero();
        assertThat(Normal.cdf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        // φ(0) = 1/√(2π)
        Close.relative(Normal.density(0), 1 / Math.sqrt(2 * Math.PI), 1e-15);
    }
}
