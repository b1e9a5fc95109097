package org.movierec.router.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Reference values: mpmath 1.3.0 at 40 digits ({@code gammainc(k/2, x/2, inf, regularized=True)}),
 * printed by src/test/python/stats_reference.py, and closed forms: for k = 1 the survival is
 * 2Φ(−√x); for k = 2 it is e^{−x/2}; for k = 4 it is e^{−x/2}(1 + x/2). The critical values
 * 3.841458820694124 (k = 1) and 5.991464547107979 (k = 2) are R's {@code qchisq(0.95, k)}.
 */
class ChiSquareTest {

    @Test
    void survivalAtTableValuesAndInTheTail() {
        Close.relative(ChiSquare.survival(3.841458820694124, 1), 0.050000000000000058, 1e-14);
        Close.relative(ChiSquare.survival(5.991464547107979, 2), 0.050000000000000075, 1e-14);
        Close.relative(ChiSquare.survival(1, 1), 0.3173105078629141, 1e-14);
        Close.relative(ChiSquare.survival(16, 1), 6.3342483666239843e-5, 1e-14);
        Close.relative(ChiSquare.survival(7.5, 3), 0.057558451972636407, 1e-14);
        Close.relative(ChiSquare.survival(30, 10), 0.00085664121077530039, 1e-14);
        Close.relative(ChiSquare.survival(300, 30), 2.6480484856308777e-46, 5e-14);
        Close.relative(ChiSquare.survival(1000, 3), 1.7994208765314477e-216, 5e-14);
    }

    @Test
    void closedForms() {
        Close.relative(ChiSquare.survival(16, 1), 2 * Normal.cdf(-4), 1e-14);
        Close.relative(ChiSquare.survival(2.5, 2), Math.exp(-1.25), 1e-14);
        double x = 9.9901433691756272;
        Close.relative(ChiSquare.survival(x, 4), Math.exp(-x / 2) * (1 + x / 2), 1e-14);
    }

    @Test
    void cdfKeepsPrecisionNearZero() {
        // P(χ²₇ ≤ 0.01) = 7.5694096596934225e-10 (mpmath); 1 − survival would keep ~7 digits.
        Close.relative(ChiSquare.cdf(0.01, 7), 7.5694096596934225e-10, 1e-14);
        Close.relative(ChiSquare.survival(0.01, 7), 0.99999999924305903, 1e-15);
        assertThat(ChiSquare.cdf(0, 3)).isZero();
        assertThat(ChiSquare.survival(0, 3)).isEqualTo(1.0);
        assertThat(ChiSquare.survival(Double.POSITIVE_INFINITY, 3)).isZero();
    }
}
