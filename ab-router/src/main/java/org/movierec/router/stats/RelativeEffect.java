package org.movierec.router.stats;

/**
 * The relative effect of a treatment on a metric (lift: +3.4 % watch-through, −5.2 % RMSE) with its
 * delta-method standard error and normal interval.
 *
 * <p>Given the two arms' estimates m_T, m_C with variances v_T, v_C (and covariance c when both are
 * measured on the same units), the delta method linearises f(m_T, m_C) at the estimates:
 * Var f ≈ f_T² v_T + 2 f_T f_C c + f_C² v_C, with the partial derivatives f_T, f_C (Casella &amp;
 * Berger, Statistical Inference, 2nd ed., §5.5.4; for A/B metrics Deng, Knoblich &amp; Lu, KDD 2018).
 * <ul>
 *   <li><b>{@link #ofMeans}</b>: f = m_T/m_C − 1, f_T = 1/m_C, f_C = −m_T/m_C², so for independent
 *       arms Var = v_T/m_C² + m_T² v_C/m_C⁴.</li>
 *   <li><b>{@link #ofRootMeans}</b>: RMSE from MSE, f = √(m_T/m_C) − 1, f_T = 1/(2√(m_T m_C)),
 *       f_C = −√m_T / (2 m_C^{3/2}); independent arms.</li>
 *   <li><b>{@link #ofCorrelatedRootMeans}</b>: the same with the covariance term, for two models
 *       scored on the same ratings ({@link PairedComparison}); a positive covariance narrows the
 *       interval, which is why the paired comparison is the more powerful one.</li>
 * </ul>
 * The interval is estimate ± z_{(1+c)/2} · se ({@link ConfidenceInterval#ofNormal}): the variances
 * come from many users, and the first-order expansion is what the major experimentation platforms
 * report. It is not clipped at −100 %.
 *
 * <p>The inputs are checked at the door: estimates finite, variances finite and ≥ 0, m_C ≠ 0 (the
 * lift is undefined otherwise) and, for the root forms, both means &gt; 0 (the gradient is infinite
 * at 0).
 *
 * @param estimate the relative effect, e.g. 0.034 for +3.4 %
 * @param standardError its delta-method standard error
 * @param interval its normal interval
 */
public record RelativeEffect(double estimate, double standardError, ConfidenceInterval interval) {

    /** The lift m_T/m_C − 1 of two independent arms' means. */
    public static RelativeEffect ofMeans(double meanT, double varMeanT, double meanC, double varMeanC,
            double confidence) {
        checkEstimate(meanT, varMeanT);
        checkEstimate(meanC, varMeanC);
        if (meanC == 0) {
            throw new IllegalArgumentException("the lift needs a non-zero control mean");
        }
        double gradientT = 1 / meanC;
        double gradientC = -meanT / (meanC * meanC);
        return of(meanT / meanC - 1, gradientT * gradientT * varMeanT + gradientC * gradientC * varMeanC,
                confidence);
    }

    /** The relative change √(m_T/m_C) − 1 of the roots of two independent arms' means (RMSE from MSE). */
    public static RelativeEffect ofRootMeans(double meanT, double varMeanT, double meanC, double varMeanC,
            double confidence) {
        return ofCorrelatedRootMeans(meanT, varMeanT, meanC, varMeanC, 0, confidence);
    }

    /**
     * The relative change √(m_T/m_C) − 1 of the roots of two correlated means with covariance
     * {@code covariance} (|c| ≤ √(v_T v_C), up to rounding).
     */
    public static RelativeEffect ofCorrelatedRootMeans(double meanT, double varMeanT, double meanC,
            double varMeanC, double covariance, double confidence) {
        checkEstimate(meanT, varMeanT);
        checkEstimate(meanC, varMeanC);
        if (!(meanT > 0 && meanC > 0) || !Double.isFinite(covariance)) {
            throw new IllegalArgumentException("the root form needs positive means and a finite covariance, got "
                    + meanT + ", " + meanC + " and " + covariance);
        }
        double gradientT = 1 / (2 * Math.sqrt(meanT * meanC));
        double gradientC = -Math.sqrt(meanT) / (2 * meanC * Math.sqrt(meanC));
        double variance = gradientT * gradientT * varMeanT + 2 * gradientT * gradientC * covariance
                + gradientC * gradientC * varMeanC;
        return of(Math.sqrt(meanT / meanC) - 1, variance, confidence);
    }

    /** The effect with the given delta-method variance (a slightly negative one from rounding is 0). */
    private static RelativeEffect of(double estimate, double variance, double confidence) {
        double standardError = Math.sqrt(Math.max(0, variance));
        return new RelativeEffect(estimate, standardError,
                ConfidenceInterval.ofNormal(estimate, standardError, confidence));
    }

    private static void checkEstimate(double mean, double variance) {
        if (!Double.isFinite(mean) || !(variance >= 0) || variance == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("need a finite mean and a finite variance >= 0, got " + mean
                    + " and " + variance);
        }
    }
}
