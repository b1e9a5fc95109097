package org.movierec.router.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Sample-ratio-mismatch check: Pearson's chi-square goodness-of-fit test of the observed count per
 * arm (users, usually) against the split the experiment configured. A mismatch means assignment or
 * logging is broken and every other number in the report is suspect (Fabijan et al., "Diagnosing
 * Sample Ratio Mismatch in Online Controlled Experiments", KDD 2019).
 *
 * <p>With weights w_i (percentages or any non-negative numbers, not all zero) and N = Σ o_i:
 * <pre>
 *   e_i = N w_i / Σ w,   X² = Σ (o_i − e_i)² / e_i,   ν = (number of arms with w_i &gt; 0) − 1,
 *   p = P(χ²_ν ≥ X²)        (Commons Statistics' ChiSquaredDistribution, survival function)
 * </pre>
 * as R's {@code chisq.test(o, p = w, rescale.p = TRUE)} computes it. An arm with weight 0 must see
 * nothing: it is left out of the test when empty, and any count in it is a certain mismatch
 * (X² = ∞, p = 0). A single positive arm, or no observations at all, gives X² = 0 and p = 1.
 * These edge rules are why the statistic is ours and not Commons Statistics' {@code ChiSquareTest},
 * which needs a positive expected count in every category; the tail probability is the library's.
 *
 * <p>The flag is raised when p &lt; threshold, by default {@value #DEFAULT_THRESHOLD}: the check runs
 * on every report of every experiment, and with large samples even a tiny real imbalance is
 * significant, so a strict threshold keeps false alarms rare while real bugs (usually p ≪ 10⁻⁶) still
 * show.
 *
 * @param statistic X²
 * @param degreesOfFreedom ν
 * @param pValue P(χ²_ν ≥ X²)
 * @param threshold the p-value below which a mismatch is flagged
 * @param mismatch whether pValue &lt; threshold
 * @param expected the expected count per arm, in the order given
 */
public record SampleRatioMismatch(double statistic, int degreesOfFreedom, double pValue, double threshold,
        boolean mismatch, List<Double> expected) {

    /** The usual SRM threshold on the p-value. */
    public static final double DEFAULT_THRESHOLD = 0.001;

    /** Copies {@code expected}. */
    public SampleRatioMismatch {
        expected = List.copyOf(expected);
    }

    /** Checks {@code observed} against {@code weights} at the default threshold. */
    public static SampleRatioMismatch check(long[] observed, double[] weights) {
        return check(observed, weights, DEFAULT_THRESHOLD);
    }

    /** Checks {@code observed} against {@code weights}, flagging p &lt; {@code threshold}. */
    public static SampleRatioMismatch check(long[] observed, double[] weights, double threshold) {
        validate(observed, weights, threshold);
        double weightSum = 0;
        long total = 0;
        int positiveArms = 0;
        for (int i = 0; i < weights.length; i++) {
            weightSum += weights[i];
            total += observed[i];
            if (weights[i] > 0) {
                positiveArms++;
            }
        }
        List<Double> expected = new ArrayList<>(weights.length);
        double statistic = 0;
        for (int i = 0; i < weights.length; i++) {
            double e = total * (weights[i] / weightSum);
            expected.add(e);
            if (weights[i] > 0) {
                if (total > 0) {
                    double deviation = observed[i] - e;
                    statistic += deviation * deviation / e;
                }
            } else if (observed[i] > 0) {
                statistic = Double.POSITIVE_INFINITY;
            }
        }
        int df = positiveArms - 1;
        double pValue;
        if (statistic == Double.POSITIVE_INFINITY) {
            pValue = 0;
        } else if (df == 0 || statistic == 0) {
            pValue = 1;
        } else {
            pValue = ChiSquaredDistribution.of(df).survivalProbability(statistic);
        }
        return new SampleRatioMismatch(statistic, df, pValue, threshold, pValue < threshold, expected);
    }

    private static void validate(long[] observed, double[] weights, double threshold) {
        if (observed.length != weights.length || observed.length == 0) {
            throw new IllegalArgumentException("need one observed count per weight and at least one arm, got "
                    + observed.length + " counts and " + weights.length + " weights");
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
        }
        boolean anyPositive = false;
        for (int i = 0; i < weights.length; i++) {
            if (observed[i] < 0) {
                throw new IllegalArgumentException("observed count of arm " + i + " is negative: " + observed[i]);
            }
            if (!(weights[i] >= 0) || weights[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("weight of arm " + i + " must be finite and >= 0, got "
                        + weights[i]);
            }
            anyPositive |= weights[i] > 0;
        }
        if (!anyPositive) {
            throw new IllegalArgumentException("at least one weight must be positive");
        }
    }
}
