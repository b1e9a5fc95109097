package org.movierec.router.stats;

/**
 * An always-valid test of "no difference between two arms" that may be looked at after every batch
 * of data — every day, every hour — without inflating the false-positive rate: the mixture
 * sequential probability ratio test (mSPRT) of Johari, Koomen, Pekelis &amp; Walsh, "Peeking at A/B
 * tests: why it matters, and what to do about it", KDD 2017 (and Johari, Pekelis &amp; Walsh, "Always
 * valid inference", Operations Research 70(3), 2022), with a normal mixture.
 *
 * <p><b>Statistic.</b> At each look the estimated difference D (of means, or of proportions) has
 * variance V (for means s_a²/n_a + s_b²/n_b; for proportions the pooled p̄(1 − p̄)(1/n_a + 1/n_b),
 * the variance under H₀). Against H₀: θ = 0 the alternative θ ~ N(0, τ²) gives the likelihood ratio
 * <pre>
 *   Λ = √(V / (V + τ²)) · exp(τ² D² / (2 V (V + τ²)))
 * </pre>
 * (for equal arms of n observations with variance σ², V = 2σ²/n and this is the paper's
 * √(2σ²/(2σ² + nτ²)) exp(n²τ²D² / (4σ²(2σ² + nτ²)))). Under H₀, D/V observed in "information time"
 * 1/V is a Brownian motion, so Λ is a non-negative martingale with mean 1 and Ville's inequality gives
 * P(Λ ever reaches 1/α) ≤ α, whenever and however often one looks.
 *
 * <p><b>Always-valid p-value</b>: p₀ = 1, p_n = min(p_{n−1}, 1/Λ_n) — non-increasing by construction;
 * the caller stores it between looks (e.g. with the experiment) and passes it back in.
 *
 * <p><b>Decision rule</b>: reject H₀ (the arms differ, in the direction of the sign of D) as soon as
 * p_n &lt; α, and stop; otherwise keep collecting. Stopping early for any other reason is also
 * allowed; what is not allowed is changing τ or α after seeing data.
 *
 * <p><b>Always-valid interval</b>: {θ : Λ_n(θ) &lt; 1/α}, Λ_n(θ) being Λ with D − θ in place of D:
 * <pre>
 *   D ± √(2 V (V + τ²) / τ² · (ln(1/α) + ½ ln((V + τ²)/V)))
 * </pre>
 * covers the true difference at every look simultaneously with probability ≥ 1 − α; intersecting the
 * intervals of successive looks keeps that guarantee.
 *
 * <p><b>Choosing τ</b> (in the units of the difference, fixed before the experiment starts): the
 * mixture is near-optimal, in expected time to reject, for true effects of size around τ (Johari et
 * al. §4: match τ² to the spread of effects seen in past experiments). Any τ &gt; 0 gives a valid
 * test; too small a τ is slow to detect large effects, too large a τ is slow to detect small ones.
 * Without history, take the smallest effect worth acting on — e.g. 0.02 to 0.05 on mean squared
 * errors of ratings (an RMSE change of 0.01 to 0.025 around RMSE 0.9), or 0.01 to 0.02 on a
 * watch-through rate.
 *
 * <p><b>Approximations</b>: the guarantee is exact for normal data with known variances. Here V comes
 * from the data at each look (plug-in, as in the paper's deployment), and the central limit theorem
 * makes D normal; both are good once each arm has some dozens of observations. The seeded simulation
 * in the tests (200 experiments under H₀, 50 looks each) measures the false-positive rate.
 *
 * @param tau the standard deviation τ of the normal mixture over effects, &gt; 0
 * @param alpha the error rate α in (0, 1)
 */
public record SequentialTest(double tau, double alpha) {

    /** The usual level, 5 %. */
    public static final double DEFAULT_ALPHA = 0.05;

    /** The always-valid p-value before the first look. */
    public static final double INITIAL_P_VALUE = 1;

    /** Checks τ &gt; 0 and 0 &lt; α &lt; 1. */
    public SequentialTest {
        if (!(tau > 0) || tau == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("tau must be positive and finite, got " + tau);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
    }

    /**
     * One look at a difference D with variance V, given the always-valid p-value of the previous look
     * ({@link #INITIAL_P_VALUE} at the first).
     */
    public Look look(double previousPValue, double difference, double variance) {
        if (!(previousPValue >= 0 && previousPValue <= 1)) {
            throw new IllegalArgumentException("previous p-value must be in [0, 1], got " + previousPValue);
        }
        if (!Double.isFinite(difference) || !(variance >= 0) || variance == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("need a finite difference and a finite variance >= 0, got "
                    + difference + " and " + variance);
        }
        double logLikelihoodRatio = logLikelihoodRatio(difference, variance, tau);
        double pValue = Math.min(previousPValue, Math.min(1, Math.exp(-logLikelihoodRatio)));
        return new Look(difference, variance, Math.exp(logLikelihoodRatio), pValue, pValue < alpha,
                interval(difference, variance));
    }

    /** One look at the difference of means m_a − m_b; each arm needs at least two values. */
    public Look lookAtMeans(double previousPValue, SampleSummary a, SampleSummary b) {
        if (a.count() < 2 || b.count() < 2) {
            throw new IllegalArgumentException("a sequential test of means needs at least 2 values per arm, got "
                    + a.count() + " and " + b.count());
        }
        return look(previousPValue, a.mean() - b.mean(), a.variance() / a.count() + b.variance() / b.count());
    }

    /**
     * One look at the difference of proportions x_a/n_a − x_b/n_b (normal approximation, pooled
     * variance under H₀); each arm needs at least one trial.
     */
    public Look lookAtProportions(double previousPValue, long successesA, long trialsA, long successesB,
            long trialsB) {
        if (trialsA <= 0 || trialsB <= 0 || successesA < 0 || successesB < 0 || successesA > trialsA
                || successesB > trialsB) {
            throw new IllegalArgumentException("need 0 <= successes <= trials and trials > 0, got "
                    + successesA + " of " + trialsA + " and " + successesB + " of " + trialsB);
        }
        double pooled = (double) (successesA + successesB) / (trialsA + trialsB);
        double difference = (double) successesA / trialsA - (double) successesB / trialsB;
        return look(previousPValue, difference, pooled * (1 - pooled) * (1.0 / trialsA + 1.0 / trialsB));
    }

    /**
     * ln Λ = ½ ln(V / (V + τ²)) + τ² D² / (2 V (V + τ²)); 0 when V = 0 and D = 0 (no information),
     * +∞ when V = 0 and D ≠ 0.
     */
    public static double logLikelihoodRatio(double difference, double variance, double tau) {
        if (variance == 0) {
            return difference == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        double tauSquared = tau * tau;
        double total = variance + tauSquared;
        return 0.5 * Math.log(variance / total)
                + tauSquared * difference * difference / (2 * variance * total);
    }

    private ConfidenceInterval interval(double difference, double variance) {
        if (variance == 0) {
            return new ConfidenceInterval(difference, difference, 1 - alpha);
        }
        double tauSquared = tau * tau;
        double total = variance + tauSquared;
        double halfWidth = Math.sqrt(2 * variance * total / tauSquared
                * (Math.log(1 / alpha) + 0.5 * Math.log(total / variance)));
        return new ConfidenceInterval(difference - halfWidth, difference + halfWidth, 1 - alpha);
    }

    /**
     * The outcome of one look.
     *
     * @param difference D
     * @param variance V
     * @param likelihoodRatio Λ
     * @param pValue the always-valid p-value, min(previous, 1/Λ)
     * @param rejectNull whether pValue &lt; α: stop, the arms differ in the direction of D
     * @param confidenceInterval the always-valid interval of the difference at level 1 − α
     */
    public record Look(double difference, double variance, double likelihoodRatio, double pValue,
            boolean rejectNull, ConfidenceInterval confidenceInterval) {
    }
}
