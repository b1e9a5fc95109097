package org.movierec.router.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Reference values: exact moments (Python fractions) and the t quantile from mpmath at 40 digits,
 * printed by src/test/python/stats_reference.py; equal to R's
 * {@code t.test(c(0.25, 1.44, 0.09, 2.56, 0.64, 0.01, 1.21))$conf.int} and its square root.
 */
class ConfidenceIntervalTest {

    static final SampleSummary CANDIDATE_SQUARED_ERRORS = SampleSummary.of(0.25, 1.44, 0.09, 2.56, 0.64, 0.01, 1.21);
    static final SampleSummary CONTROL_SQUARED_ERRORS = SampleSummary.of(0.81, 3.24, 1.69, 0.49, 4.00, 2.25);

    @Test
    void meanInterval() {
        ConfidenceInterval mse = ConfidenceInterval.ofMean(CANDIDATE_SQUARED_ERRORS, 0.95);
        Close.relative(CANDIDATE_SQUARED_ERRORS.mean(), 0.88571428571428571, 1e-15);
        Close.relative(CANDIDATE_SQUARED_ERRORS.variance(), 0.8466952380952381, 1e-14);
        Close.relative(mse.lower(), 0.034707813625693303, 1e-12);
        Close.relative(mse.upper(), 1.7367207578028781, 1e-14);
        assertThat(mse.confidence()).isEqualTo(0.95);
    }

    @Test
    void rmseIntervalIsTheSquareRootOfTheMseInterval() {
        ConfidenceInterval candidate = ConfidenceInterval.ofRmse(CANDIDATE_SQUARED_ERRORS, 0.95);
        Close.relative(candidate.lower(), 0.18630033179168872, 1e-12);
        Close.relative(candidate.upper(), 1.3178470160845219, 1e-14);
        assertThat(candidate.contains(Math.sqrt(CANDIDATE_SQUARED_ERRORS.mean()))).isTrue();
        ConfidenceInterval control = ConfidenceInterval.ofRmse(CONTROL_SQUARED_ERRORS, 0.95);
        Close.relative(control.lower(), 0.80287695791302644, 1e-13);
        Close.relative(control.upper(), 1.8749369563940875, 1e-14);
    }

    @Test
    void rmseLowerBoundIsZeroWhenTheMseIntervalReachesBelowZero() {
        ConfidenceInterval rmse = ConfidenceInterval.ofRmse(SampleSummary.of(0.01, 4, 0.01), 0.95);
        assertThat(rmse.lower()).isZero();
        assertThat(rmse.upper()).isGreaterThan(Math.sqrt(4.02 / 3));
    }

    /** Reference: scipy.stats.norm in src/test/python/experiment_analysis_reference.py. */
    @Test
    void normalInterval() {
        ConfidenceInterval interval = ConfidenceInterval.ofNormal(0.2, 0.05, 0.95);
        Close.relative(interval.lower(), 0.10200180077299731, 1e-14);
        Close.relative(interval.upper(), 0.29799819922700271, 1e-14);
        ConfidenceInterval wide = ConfidenceInterval.ofNormal(-3.0, 1.5, 0.99);
        Close.relative(wide.lower(), -6.8637439553233506, 1e-14);
        Close.relative(wide.upper(), 0.86374395532335058, 1e-14);
        assertThat(ConfidenceInterval.ofNormal(1, 0, 0.95)).isEqualTo(new ConfidenceInterval(1, 1, 0.95));
        assertThatThrownBy(() -> ConfidenceInterval.ofNormal(1, -1, 0.95)).hasMessageContaining("standard error");
        assertThatThrownBy(() -> ConfidenceInterval.ofNormal(Double.NaN, 1, 0.95)).hasMessageContaining("finite");
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> ConfidenceInterval.ofMean(SampleSummary.of(1), 0.95))
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> ConfidenceInterval.ofMean(CANDIDATE_SQUARED_ERRORS, 1))
                .hasMessageContaining("confidence");
        assertThatThrownBy(() -> new ConfidenceInterval(2, 1, 0.95)).hasMessageContaining("lower <= upper");
    }
}
