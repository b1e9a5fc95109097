package org.movierec.router.stats;

import static org.assertj.core.api.Assertions.assertThat;

/** Relative-error assertions for the reference values of this package's tests. */
final class Close {

    private Close() {
    }

    /** |actual − expected| ≤ tolerance · |expected|. */
    static void relative(double actual, double expected, double tolerance) {
        assertThat(Math.abs(actual - expected))
                .as("actual %s, expected %s (relative tolerance %s)", actual, expected, tolerance)
                .isLessThanOrEqualTo(tolerance * Math.abs(expected));
    }
}
