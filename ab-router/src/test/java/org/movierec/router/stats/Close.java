package org.movierec.router.stats;

import static org.assertj.core.api.Assertions.assertThat;

/** Relative-error assertions for the reference values of this package's tests. */
final class Close {

    private Close() {
    }

    /**
     * The estimate, standard error and interval ends of a relative effect, each within {@code tolerance}
     * relative to its reference.
     */
    static void effect(RelativeEffect actual, double tolerance, double estimate, double standardError,
            double lower, double upper) {
        relative(actual.estimate(), estimate, tolerance);
        relative(actual.standardError(), standardError, tolerance);
        relative(actual.interval().lower(), lower, tolerance);
        relative(actual.interval().upper(), upper, tolerance);
    }

    /** |actual − expected| ≤ tolerance · |expected|. */
    static void relative(double actual, double expected, double tolerance) {
        assertThat(Math.abs(actual - expected))
                .as("actual %s, expected %s (relative tolerance %s)", actual, expected, tolerance)
                .isLessThanOrEqualTo(tolerance * Math.abs(expected));
    }
}
