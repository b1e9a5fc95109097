package org.movierec.router.stats;

/**
 * The Wilson score interval of one proportion x / n (E. B. Wilson, JASA 22, 1927; recommended by Brown, Cai &amp;
 * DasGupta, Statistical Science 16, 2001), with z = Φ⁻¹((1 + c)/2):
 * <pre>
 *   (p̂ + z²/(2n) ± z √(p̂(1 − p̂)/n + z²/(4n²))) / (1 + z²/n)
 * </pre>
 * equal to R's {@code prop.test(x, n, correct = FALSE)$conf.int}. Unlike the Wald interval it stays inside [0, 1]
 * and keeps its coverage near p̂ = 0 or 1; at x = 0 the lower end is exactly 0 and at x = n the upper end exactly 1
 * (the formula gives them up to rounding). The report uses it for each arm's watch-through per time bucket.
 */
public final class WilsonInterval {

    private WilsonInterval() {
    }

    /** The interval of x / n at level {@code confidence}; needs 0 ≤ x ≤ n and n &gt; 0. */
    public static ConfidenceInterval of(long successes, long trials, double confidence) {
        if (trials <= 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials and trials > 0, got "
                    + successes + " of " + trials);
        }
        double z = StandardNormal.criticalValue(confidence);
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
}
