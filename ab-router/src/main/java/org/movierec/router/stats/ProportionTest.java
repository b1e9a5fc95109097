package org.movierec.router.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Two-proportion z-test and intervals for proportions (e.g. watch-through rates of two arms).
 *
 * <p>For x_a successes in n_a trials against x_b in n_b, with p̂ = x/n:
 * <pre>
 *   d  = p̂_a − p̂_b
 *   p̄  = (x_a + x_b) / (n_a + n_b)                                  (pooled under H₀: p_a = p_b)
 *   z  = d / √(p̄ (1 − p̄) (1/n_a + 1/n_b)),   p = 2 (1 − Φ(|z|))   (Φ: Commons Statistics)
 *   interval of d: d ± z_{(1+c)/2} √(p̂_a (1 − p̂_a)/n_a + p̂_b (1 − p̂_b)/n_b)   (unpooled Wald,
 *                  clipped to [−1, 1])
 * </pre>
 * The test uses the pooled standard error because that is the null distribution; the interval is
 * not computed under the null, so it uses the unpooled one. z² is Pearson's chi-square of the 2×2
 * table, so the p-value and interval equal R's {@code prop.test(c(x_a, x_b), c(n_a, n_b),
 * correct = FALSE)}. When p̄ is 0 or 1 both samples agree exactly: z = 0 and p = 1.
 *
 * <p><b>Wilson score interval</b> of one proportion (E. B. Wilson, JASA 22, 1927; recommended by
 * Brown, Cai &amp; DasGupta, Statistical Science 16, 2001), with z = Φ⁻¹((1 + c)/2):
 * <pre>
 *   (p̂ + z²/(2n) ± z √(p̂(1 − p̂)/n + z²/(4n²))) / (1 + z²/n)
 * </pre>
 * equal to R's {@code prop.test(x, n, correct = FALSE)$conf.int}. Unlike the Wald interval it stays
 * inside [0, 1] and keeps its coverage near p̂ = 0 or 1; at x = 0 the lower end is exactly 0 and at
 * x = n the upper end exactly 1 (the formula gives them up to rounding).
 *
 * @param proportionA p̂_a
 * @param proportionB p̂_b
 * @param difference p̂_a − p̂_b
 * @param z the pooled z statistic
 * @param pValue the two-sided p-value
 * @param confidenceInterval the unpooled interval of the difference
 */
public record ProportionTest(double proportionA, double proportionB, double difference, double z,
        double pValue, ConfidenceInterval confidenceInterval) {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    /** Compares x_a / n_a with x_b / n_b, with a 95 % interval of the difference. */
    public static ProportionTest compare(long successesA, long trialsA, long successesB, long trialsB) {
        return compare(successesA, trialsA, successesB, trialsB, ConfidenceInterval.DEFAULT_CONFIDENCE);
    }

    /** Compares x_a / n_a with x_b / n_b; each arm needs at least one trial. */
    public static ProportionTest compare(long successesA, long trialsA, long successesB, long trialsB,
            double confidence) {
        ConfidenceInterval.checkConfidence(confidence);
        checkCounts(successesA, trialsA);
        checkCounts(successesB, trialsB);
        double pA = (double) successesA / trialsA;
        double pB = (double) successesB / trialsB;
        double difference = pA - pB;
        double pooled = (double) (successesA + successesB) / (trialsA + trialsB);
        double pooledVariance = pooled * (1 - pooled) * (1.0 / trialsA + 1.0 / trialsB);
        double z = pooledVariance == 0 ? 0 : difference / Math.sqrt(pooledVariance);
        double halfWidth = upperQuantile(confidence)
                * Math.sqrt(pA * (1 - pA) / trialsA + pB * (1 - pB) / trialsB);
        ConfidenceInterval interval = new ConfidenceInterval(Math.max(-1, difference - halfWidth),
                Math.min(1, difference + halfWidth), confidence);
        double pValue = 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z));
        return new ProportionTest(pA, pB, difference, z, pValue, interval);
    }

    /** The Wilson score interval of x / n at level {@code confidence}; n must be positive. */
    public static ConfidenceInterval wilsonInterval(long successes, long trials, double confidence) {
        ConfidenceInterval.checkConfidence(confidence);
        checkCounts(successes, trials);
        double z = upperQuantile(confidence);
        double n = trials;
        double p = successes / n;
        double zz = z * z;
        double denominator = 1 + zz / n;
        double center = (p + zz / (2 * n)) / denominator;
        double halfWidth = z * Math.sqrt(p * (1 - p) / n + zz / (4 * n * n)) / denominator;
        double lower = successes == 0 ? 0 : Math.max(0, center - halfWidth);
        double upper = successes == trials ? 1 : Math.min(1, center + halfWidth);
        return new ConfidenceInterval(lower, upper, confidence);
    }

    /** z_{(1+c)/2}, the standard normal quantile of a two-sided interval at level c. */
    private static double upperQuantile(double confidence) {
        return STANDARD_NORMAL.inverseCumulativeProbability(ConfidenceInterval.upperProbability(confidence));
    }

    private static void checkCounts(long successes, long trials) {
        if (trials <= 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials and trials > 0, got "
                    + successes + " of " + trials);
        }
    }
}
