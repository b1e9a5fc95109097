package org.movierec.router.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** ln Γ and the incomplete functions against exact identities. */
class GammaBetaTest {

    @Test
    void logGammaAtIntegersAndHalfIntegers() {
        // Γ(n) = (n − 1)!, Γ(½) = √π, Γ(n + ½) = (2n)! √π / (4ⁿ n!)
        double factorial = 1;
        for (int n = 1; n <= 30; n++) {
            double expected = Math.log(factorial);
            assertThat(Gamma.logGamma(n)).isCloseTo(expected, within(2e-14 * Math.max(1, expected)));
            factorial *= n;
        }
        assertThat(Gamma.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-16));
        assertThat(Gamma.logGamma(3.5)).isCloseTo(Math.log(15.0 / 8 * Math.sqrt(Math.PI)), within(3e-15));
        assertThat(Gamma.logGamma(1.5)).isCloseTo(Math.log(Math.sqrt(Math.PI) / 2), within(3e-15));
        // ln Γ(10⁶) by Stirling with the first correction, 1/(12·10⁶): error below 1e-21
        double z = 1e6;
        double stirling = (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * z);
        Close.relative(Gamma.logGamma(z), stirling, 1e-15);
        assertThat(Gamma.logGamma(0)).isNaN();
    }

    @Test
    void incompleteGammaIdentities() {
        // P(1, x) = 1 − e^{−x}; Q(1, x) = e^{−x}; P + Q = 1
        Close.relative(Gamma.regularizedP(1, 0.3), -Math.expm1(-0.3), 1e-14);
        Close.relative(Gamma.regularizedQ(1, 40), Math.exp(-40), 1e-14);
        for (double a : new double[] {0.5, 2, 17, 80}) {
            for (double x : new double[] {0.1, a, 2 * a + 3}) {
                assertThat(Gamma.regularizedP(a, x) + Gamma.regularizedQ(a, x)).isCloseTo(1.0, within(1e-14));
            }
        }
    }

    @Test
    void incompleteBetaIdentities() {
        // I_x(a, 1) = x^a; I_x(1, b) = 1 − (1 − x)^b; I_x(a, b) = 1 − I_{1−x}(b, a); B(2, 3) = 1/12
        Close.relative(Beta.regularized(0.3, 2.5, 1), Math.pow(0.3, 2.5), 1e-14);
        Close.relative(Beta.regularized(0.3, 1, 4), 1 - Math.pow(0.7, 4), 1e-14);
        assertThat(Beta.regularized(0.8, 3, 7) + Beta.regularized(0.2, 7, 3)).isCloseTo(1.0, within(1e-14));
        Close.relative(Beta.logBeta(2, 3), Math.log(1.0 / 12), 1e-14);
        // the Stirling-difference branch (q ≥ 10) agrees with the plain one
        double direct = Gamma.logGamma(0.5) + Gamma.logGamma(12) - Gamma.logGamma(12.5);
        Close.relative(Beta.logBeta(0.5, 12), direct, 1e-14);
        assertThat(Beta.regularized(0, 2, 3)).isZero();
        assertThat(Beta.regularized(1, 2, 3)).isEqualTo(1.0);
    }
}
