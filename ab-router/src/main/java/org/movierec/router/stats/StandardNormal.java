package org.movierec.router.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The standard normal distribution N(0, 1) of Commons Statistics, in the three forms the report's normal
 * (large-sample) tests and intervals use: the two-sided p-value, the quantile, and the critical value of a
 * two-sided interval.
 */
public final class StandardNormal {

    private static final NormalDistribution N01 = NormalDistribution.of(0, 1);

    private StandardNormal() {
    }

    /**
     * p = 2 (1 − Φ(|z|)), computed from the upper tail so that it keeps its relative precision for large |z|;
     * 0 for infinite z, NaN for NaN.
     */
    public static double twoSidedPValue(double z) {
        return 2 * N01.survivalProbability(Math.abs(z));
    }

    /** Φ⁻¹(p). */
    public static double quantile(double p) {
        return N01.inverseCumulativeProbability(p);
    }

    /** z_{(1+c)/2}: the half-width of a two-sided normal interval at level c, in standard errors. */
    public static double criticalValue(double confidence) {
        ConfidenceInterval.checkConfidence(confidence);
        return quantile(ConfidenceInterval.upperProbability(confidence));
    }
}
