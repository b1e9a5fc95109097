package org.movierec.router.stats;


/**
 * Power of a two-sided z-test of the difference of two arms' means: the minimum detectable effect
 * at the current sample sizes, and the sample size per arm a given effect needs.
 *
 * <p>With σ_T², σ_C² the variances per randomisation unit (per user: σ² = K · Var(r),
 * {@link UserTotals#unitVariance()}), level α and power 1 − β, and z_p = Φ⁻¹(p) (Commons
 * Statistics):
 * <pre>
 *   MDE = (z_{1−α/2} + z_{1−β}) · √(σ_T²/n_T + σ_C²/n_C)               (any allocation)
 *   n   = ⌈(z_{1−α/2} + z_{1−β})² (σ_T² + σ_C²) / δ²⌉  per arm          (equal arms)
 * </pre>
 * (e.g. Chow, Shao &amp; Wang, Sample Size Calculations in Clinical Research, §3.2; Kohavi, Tang &amp;
 * Xu, Trustworthy Online Controlled Experiments, ch. 17). The formulas leave out the far tail, the
 * chance of significance in the wrong direction, Φ(−2 z_{1−α/2} − z_{1−β}) ≈ 1e-6 at α = 0.05 and 80 %
 * power: statsmodels' {@code NormalIndPower}, which counts it, finds a power higher by that much at the
 * MDE and a sample size smaller by a fraction of a unit.
 *
 * <p>The effect and MDE are on the scale of the metric whose unit variance is given (an absolute
 * difference of means); divide by the control mean for a relative MDE. RMSE is analysed on the MSE
 * scale (the unit variance is that of the squared errors): to first order an RMSE change δ is an MSE
 * change 2·rmse·δ, and an MSE MDE Δ is an RMSE MDE Δ/(2·rmse).
 */
public final class PowerAnalysis {


    private PowerAnalysis() {
    }

    /**
     * The smallest true difference the test detects with probability {@code power} at two-sided level
     * {@code alpha}, with n_T and n_C units; unit variances ≥ 0, sizes &gt; 0.
     */
    public static double minimumDetectableEffect(double unitVarianceT, long nT, double unitVarianceC, long nC,
            double alpha, double power) {
        checkVariance(unitVarianceT);
        checkVariance(unitVarianceC);
        if (nT <= 0 || nC <= 0) {
            throw new IllegalArgumentException("sample sizes must be > 0, got " + nT + " and " + nC);
        }
        return zSum(alpha, power) * Math.sqrt(unitVarianceT / nT + unitVarianceC / nC);
    }

    /**
     * The units per arm (equal arms) that detect a true difference {@code effect} (either sign, non-zero)
     * with probability {@code power} at two-sided level {@code alpha}; 0 when both variances are 0, and
     * {@link Long#MAX_VALUE} when the number does not fit.
     */
    public static long sampleSizePerArm(double unitVarianceT, double unitVarianceC, double effect, double alpha,
            double power) {
        checkVariance(unitVarianceT);
        checkVariance(unitVarianceC);
        if (!Double.isFinite(effect) || effect == 0) {
            throw new IllegalArgumentException("effect must be finite and non-zero, got " + effect);
        }
        double z = zSum(alpha, power);
        return (long) Math.ceil(z * z * (unitVarianceT + unitVarianceC) / (effect * effect));
    }

    /** z_{1−α/2} + z_{power}. */
    private static double zSum(double alpha, double power) {
        if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1)) {
            throw new IllegalArgumentException("alpha and power must be in (0, 1), got " + alpha + " and " + power);
        }
        return StandardNormal.quantile(1 - alpha / 2) + StandardNormal.quantile(power);
    }

    private static void checkVariance(double variance) {
        if (!(variance >= 0) || variance == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("unit variance must be finite and >= 0, got " + variance);
        }
    }
}
