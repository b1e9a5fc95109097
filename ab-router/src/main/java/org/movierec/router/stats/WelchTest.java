package org.movierec.router.stats;

import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.TTest;

/**
 * Welch's two-sample t-test of equal means without assuming equal variances (B. L. Welch,
 * Biometrika 34, 1947), as R's {@code t.test(a, b)} computes it:
 * <pre>
 *   d  = m_a − m_b
 *   se = √(s_a²/n_a + s_b²/n_b)
 *   ν  = se⁴ / ((s_a²/n_a)² / (n_a − 1) + (s_b²/n_b)² / (n_b − 1))     (Welch–Satterthwaite)
 *   t  = d / se,   p = P(|T_ν| ≥ |t|),   interval d ± t_{ν, (1+c)/2} · se
 * </pre>
 * t, ν and p come from Commons Statistics' {@link TTest} (unequal variances is its default), the
 * quantile of the interval from its {@link TDistribution}; this record adds the interval and the
 * constant-sample case.
 *
 * <p>The experiment report applies it to the squared prediction errors of two arms, so d is the
 * difference of their mean squared errors (the squares of their RMSEs) and a small p says the arms'
 * RMSEs differ. With a = candidate and b = control, d &gt; 0 means the candidate predicts worse. This
 * is a fixed-horizon test: its p-value is valid for one look at a sample size chosen in advance; for
 * daily looks use {@link SequentialTest}.
 *
 * <p>When both samples are constant (se = 0) there is no variance to test against: t is 0 with p = 1
 * when the means are equal, ±∞ with p = 0 otherwise, ν is NaN and the interval is the point d.
 *
 * @param difference m_a − m_b
 * @param standardError se of the difference
 * @param degreesOfFreedom Welch–Satterthwaite ν
 * @param t the t statistic
 * @param pValue the two-sided p-value
 * @param confidenceInterval the interval of the difference
 */
public record WelchTest(double difference, double standardError, double degreesOfFreedom, double t,
        double pValue, ConfidenceInterval confidenceInterval) {

    /** Compares the means of {@code a} and {@code b} with a 95 % interval. */
    public static WelchTest compare(SampleSummary a, SampleSummary b) {
        return compare(a, b, ConfidenceInterval.DEFAULT_CONFIDENCE);
    }

    /** Compares the means of {@code a} and {@code b}; each needs at least two values. */
    public static WelchTest compare(SampleSummary a, SampleSummary b, double confidence) {
        ConfidenceInterval.checkConfidence(confidence);
        if (a.count() < 2 || b.count() < 2) {
            throw new IllegalArgumentException("Welch's t-test needs at least 2 values per sample, got "
                    + a.count() + " and " + b.count());
        }
        double difference = a.mean() - b.mean();
        double varianceA = a.variance() / a.count();
        double varianceB = b.variance() / b.count();
        double variance = varianceA + varianceB;
        double standardError = Math.sqrt(variance);
        if (standardError == 0) {
            boolean equal = difference == 0;
            return new WelchTest(difference, 0, Double.NaN,
                    equal ? 0 : Math.copySign(Double.POSITIVE_INFINITY, difference), equal ? 1 : 0,
                    new ConfidenceInterval(difference, difference, confidence));
        }
        TTest.Result welch = TTest.withDefaults().test(a.mean(), a.variance(), a.count(), b.mean(), b.variance(),
                b.count());
        double df = welch.getDegreesOfFreedom();
        double halfWidth = TDistribution.of(df).inverseCumulativeProbability(
                ConfidenceInterval.upperProbability(confidence)) * standardError;
        return new WelchTest(difference, standardError, df, welch.getStatistic(), welch.getPValue(),
                new ConfidenceInterval(difference - halfWidth, difference + halfWidth, confidence));
    }
}
