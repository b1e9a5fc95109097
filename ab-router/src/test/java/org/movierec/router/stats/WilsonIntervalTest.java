package org.movierec.router.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Reference values: exact proportions (Python fractions) with Φ and Φ⁻¹ from mpmath at 40 digits,
 * printed by src/test/python/stats_reference.py. By construction they equal R's
 * {@code prop.test(x, n, correct = FALSE)$conf.int} (Wilson).
 */
class WilsonIntervalTest {

    @Test
    void wilsonIntervals() {
        // x = 0: [0, z²/(n + z²)] in closed form
        ConfidenceInterval zero = WilsonInterval.of(0, 20, 0.95);
        assertThat(zero.lower()).isZero();
        Close.relative(zero.upper(), 0.16112515805281939, 1e-14);
        ConfidenceInterval seven = WilsonInterval.of(7, 50, 0.95);
        Close.relative(seven.lower(), 0.069508334270162895, 1e-14);
        Close.relative(seven.upper(), 0.26186193710585539, 1e-14);
        ConfidenceInterval half = WilsonInterval.of(500, 1000, 0.95);
        Close.relative(half.lower(), 0.46906960036810418, 1e-14);
        Close.relative(half.upper(), 0.53093039963189582, 1e-14);
        ConfidenceInterval high = WilsonInterval.of(999, 1000, 0.95);
        Close.relative(high.lower(), 0.99435744140204206, 1e-14);
        Close.relative(high.upper(), 0.99982345362937392, 1e-14);
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> WilsonInterval.of(5, 0, 0.95)).hasMessageContaining("trials > 0");
        assertThatThrownBy(() -> WilsonInterval.of(5, 4, 0.95)).hasMessageContaining("successes <= trials");
        assertThatThrownBy(() -> WilsonInterval.of(-1, 4, 0.95))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
