package org.movierec.router.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Reference values: exact proportions (Python fractions) with Φ and Φ⁻¹ from mpmath at 40 digits,
 * printed by src/test/python/stats_reference.py. By construction they equal R's
 * {@code prop.test(c(x_a, x_b), c(n_a, n_b), correct = FALSE)} (X-squared = z², same interval) and,
 * for one proportion, {@code prop.test(x, n, correct = FALSE)$conf.int} (Wilson).
 */
class ProportionTestTest {

    @Test
    void equalSizedArms() {
        ProportionTest test = ProportionTest.compare(120, 1000, 150, 1000);
        assertThat(test.proportionA()).isEqualTo(0.12);
        assertThat(test.proportionB()).isEqualTo(0.15);
        Close.relative(test.z(), -1.9630498076223552, 1e-14);
        Close.relative(test.pValue(), 0.049640386865368789, 1e-13);
        Close.relative(test.confidenceInterval().lower(), -0.059923971178702214, 1e-13);
        Close.relative(test.confidenceInterval().upper(), -7.6028821297786163e-5, 1e-10);
    }

    @Test
    void unequalArms() {
        ProportionTest test = ProportionTest.compare(45, 380, 62, 410);
        Close.relative(test.z(), -1.3460105950537888, 1e-14);
        Close.relative(test.pValue(), 0.17829909969213499, 1e-13);
        Close.relative(test.confidenceInterval().lower(), -0.08031634467949127, 1e-13);
        Close.relative(test.confidenceInterval().upper(), 0.014719425552405262, 1e-12);
    }

    @Test
    void identicalOutcomesHaveNoEvidence() {
        ProportionTest none = ProportionTest.compare(0, 50, 0, 70);
        assertThat(none.z()).isZero();
        assertThat(none.pValue()).isEqualTo(1.0);
    }

    @Test
    void wilsonIntervals() {
        // x = 0: [0, z²/(n + z²)] in closed form
        ConfidenceInterval zero = ProportionTest.wilsonInterval(0, 20, 0.95);
        assertThat(zero.lower()).isZero();
        Close.relative(zero.upper(), 0.16112515805281939, 1e-14);
        ConfidenceInterval seven = ProportionTest.wilsonInterval(7, 50, 0.95);
        Close.relative(seven.lower(), 0.069508334270162895, 1e-14);
        Close.relative(seven.upper(), 0.26186193710585539, 1e-14);
        ConfidenceInterval half = ProportionTest.wilsonInterval(500, 1000, 0.95);
        Close.relative(half.lower(), 0.46906960036810418, 1e-14);
        Close.relative(half.upper(), 0.53093039963189582, 1e-14);
        ConfidenceInterval high = ProportionTest.wilsonInterval(999, 1000, 0.95);
        Close.relative(high.lower(), 0.99435744140204206, 1e-14);
        Close.relative(high.upper(), 0.99982345362937392, 1e-14);
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> ProportionTest.compare(5, 0, 1, 2)).hasMessageContaining("trials > 0");
        assertThatThrownBy(() -> ProportionTest.compare(5, 4, 1, 2)).hasMessageContaining("successes <= trials");
        assertThatThrownBy(() -> ProportionTest.wilsonInterval(-1, 4, 0.95))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
