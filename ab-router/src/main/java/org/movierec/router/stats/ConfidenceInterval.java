package org.movierec.router.stats;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * A two-sided confidence interval [lower, upper] at level {@code confidence} (e.g. 0.95), with the
 * one-sample intervals the experiment report needs.
 *
 * <p><b>Mean</b> (Student): m ± t_{n−1, (1+c)/2} · s / √n, the t quantile from Commons Statistics'
 * {@link TDistribution}.
 *
 * <p><b>RMSE of one arm</b>, from the summary of its squared errors e² (the mean squared error is
 * their mean): take the t interval [L, U] of the mean squared error above and return
 * [√max(L, 0), √U]. The square root is increasing, so the interval keeps the coverage of the MSE
 * interval; that coverage rests on the central limit theorem for the (right-skewed) squared errors,
 * which is adequate from a few hundred ratings per arm. The point estimate √(mean of e²) is inside.
 *
 * <p><b>Normal (Wald)</b>: estimate ± z_{(1+c)/2} · se, for the delta-method and user-clustered
 * estimates of {@link RelativeEffect}, {@link PairedComparison} and {@link Cuped}, whose standard
 * errors come from sums over many users (no degrees of freedom to speak of).
 */
public record ConfidenceInterval(double lower, double upper, double confidence) {

    /** The usual level, 95 %. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    /** Checks lower ≤ upper and 0 &lt; confidence &lt; 1. */
    public ConfidenceInterval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("need lower <= upper, got [" + lower + ", " + upper + "]");
        }
        checkConfidence(confidence);
    }

    /** The t interval of the mean of a sample of at least two values. */
    public static ConfidenceInterval ofMean(SampleSummary sample, double confidence) {
        checkConfidence(confidence);
        if (sample.count() < 2) {
            throw new IllegalArgumentException("a confidence interval of a mean needs at least 2 values, got "
                    + sample.count());
        }
        double halfWidth = TDistribution.of(sample.count() - 1).inverseCumulativeProbability(
                upperProbability(confidence)) * sample.standardErrorOfMean();
        return new ConfidenceInterval(sample.mean() - halfWidth, sample.mean() + halfWidth, confidence);
    }

    /** The interval of the root mean squared error, from the summary of the squared errors. */
    public static ConfidenceInterval ofRmse(SampleSummary squaredErrors, double confidence) {
        ConfidenceInterval mse = ofMean(squaredErrors, confidence);
        return new ConfidenceInterval(Math.sqrt(Math.max(0, mse.lower())), Math.sqrt(Math.max(0, mse.upper())),
                confidence);
    }

    /**
     * The normal (Wald) interval estimate ± z_{(1+c)/2} · se, for estimates whose standard error rests
     * on the central limit theorem over many users (delta-method and cluster-robust variances).
     */
    public static ConfidenceInterval ofNormal(double estimate, double standardError, double confidence) {
        checkConfidence(confidence);
        if (!Double.isFinite(estimate) || !(standardError >= 0) || standardError == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("need a finite estimate and standard error >= 0, got " + estimate
                    + " and " + standardError);
        }
        double halfWidth = StandardNormal.criticalValue(confidence) * standardError;
        return new ConfidenceInterval(estimate - halfWidth, estimate + halfWidth, confidence);
    }

    /** Whether lower ≤ value ≤ upper. */
    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }

    /** (1 + c) / 2, the probability of the upper quantile of a two-sided interval at level c. */
    static double upperProbability(double confidence) {
        return 0.5 + 0.5 * confidence;
    }

    static void checkConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
    }
}
