package org.movierec.router.stats;

/**
 * Count, mean and variance of a sample, immutable.
 *
 * <p>Built three ways:
 * <ul>
 *   <li>value by value with Welford's update (B. P. Welford, Technometrics 4(3), 1962; Knuth, TAOCP
 *       vol. 2, §4.2.2): n ← n + 1, δ = x − m, m ← m + δ/n, M₂ ← M₂ + δ (x − m), where M₂ is the sum
 *       of squared deviations from the mean — numerically stable, no large sums;</li>
 *   <li>from the sums an SQL aggregate gives, (n, Σx, Σx²): m = Σx / n and
 *       M₂ = Σx² − (Σx)² / n. This subtraction cancels when the mean is large compared with the
 *       standard deviation (about log₁₀(m²/s²) digits are lost); for squared prediction errors
 *       (mean ≈ 1, s ≈ 1.5) it is harmless. Prefer {@link #fromMoments} with the database's own
 *       {@code avg} and {@code var_samp} when they are at hand;</li>
 *   <li>by merging two summaries (Chan, Golub &amp; LeVeque, "Updating formulae and a pairwise
 *       algorithm for computing sample variances", 1979): δ = m_b − m_a,
 *       m = m_a + δ n_b / n, M₂ = M₂a + M₂b + δ² n_a n_b / n.</li>
 * </ul>
 *
 * <p>The variance is the unbiased sample variance s² = M₂ / (n − 1); it is NaN below two values, and
 * the mean is NaN for an empty sample.
 */
public final class SampleSummary {

    /** The summary of no values. */
    public static final SampleSummary EMPTY = new SampleSummary(0, 0, 0);

    private final long count;
    private final double mean;
    private final double sumOfSquaredDeviations;

    private SampleSummary(long count, double mean, double sumOfSquaredDeviations) {
        this.count = count;
        this.mean = mean;
        this.sumOfSquaredDeviations = sumOfSquaredDeviations;
    }

    /** The summary of {@code values}, by Welford's update. */
    public static SampleSummary of(double... values) {
        SampleSummary summary = EMPTY;
        for (double value : values) {
            summary = summary.add(value);
        }
        return summary;
    }

    /**
     * The summary of {@code count} values with the given Σx and Σx² (as from SQL
     * {@code count(*), sum(x), sum(x*x)}); a slightly negative M₂ from rounding becomes 0.
     */
    public static SampleSummary fromSums(long count, double sum, double sumOfSquares) {
        checkCount(count);
        if (!Double.isFinite(sum) || !Double.isFinite(sumOfSquares) || sumOfSquares < 0) {
            throw new IllegalArgumentException("sums must be finite and the sum of squares >= 0, got sum="
                    + sum + ", sumOfSquares=" + sumOfSquares);
        }
        if (count == 0) {
            if (sum != 0 || sumOfSquares != 0) {
                throw new IllegalArgumentException("an empty sample has zero sums, got sum=" + sum
                        + ", sumOfSquares=" + sumOfSquares);
            }
            return EMPTY;
        }
        double mean = sum / count;
        return new SampleSummary(count, mean, Math.max(0, sumOfSquares - sum * mean));
    }

    /**
     * The summary of {@code count} values with the given mean and unbiased sample variance (as from
     * SQL {@code count(*), avg(x), var_samp(x)}); the variance is ignored (may be NaN) below two
     * values.
     */
    public static SampleSummary fromMoments(long count, double mean, double variance) {
        checkCount(count);
        if (count == 0) {
            return EMPTY;
        }
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite, got " + mean);
        }
        if (count == 1) {
            return new SampleSummary(1, mean, 0);
        }
        if (!(variance >= 0) || variance == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("variance must be finite and >= 0, got " + variance);
        }
        return new SampleSummary(count, mean, variance * (count - 1));
    }

    /** This summary with one more value (Welford's update). */
    public SampleSummary add(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, got " + value);
        }
        long n = count + 1;
        double delta = value - mean;
        double newMean = mean + delta / n;
        return new SampleSummary(n, newMean, sumOfSquaredDeviations + delta * (value - newMean));
    }

    /** The summary of both samples together (Chan, Golub &amp; LeVeque). */
    public SampleSummary merge(SampleSummary other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            return other;
        }
        long n = count + other.count;
        double delta = other.mean - mean;
        double newMean = mean + delta * ((double) other.count / n);
        double m2 = sumOfSquaredDeviations + other.sumOfSquaredDeviations
                + delta * delta * ((double) count * other.count / n);
        return new SampleSummary(n, newMean, m2);
    }

    /** The number of values. */
    public long count() {
        return count;
    }

    /** The arithmetic mean; NaN when empty. */
    public double mean() {
        return count == 0 ? Double.NaN : mean;
    }

    /** The sum of the values, n · m. */
    public double sum() {
        return count * mean;
    }

    /** The unbiased sample variance s² = M₂ / (n − 1); NaN below two values. */
    public double variance() {
        return count < 2 ? Double.NaN : sumOfSquaredDeviations / (count - 1);
    }

    /** The sample standard deviation s; NaN below two values. */
    public double standardDeviation() {
        return Math.sqrt(variance());
    }

    /** The standard error of the mean, s / √n; NaN below two values. */
    public double standardErrorOfMean() {
        return Math.sqrt(variance() / count);
    }

    private static void checkCount(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SampleSummary other && count == other.count
                && Double.compare(mean, other.mean) == 0
                && Double.compare(sumOfSquaredDeviations, other.sumOfSquaredDeviations) == 0;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count) * 31 * 31 + Double.hashCode(mean) * 31
                + Double.hashCode(sumOfSquaredDeviations);
    }

    @Override
    public String toString() {
        return "SampleSummary[count=" + count + ", mean=" + mean() + ", variance=" + variance() + "]";
    }
}
