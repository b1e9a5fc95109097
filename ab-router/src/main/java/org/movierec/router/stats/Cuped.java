package org.movierec.router.stats;

/**
 * CUPED variance reduction for a ratio metric (Deng, Xu, Kohavi &amp; Walker, "Improving the
 * Sensitivity of Online Controlled Experiments by Utilizing Pre-Experiment Data", WSDM 2013), in the
 * ratio form GrowthBook and Eppo document: the metric of each arm is linearised per user and the
 * linearised values are regressed on a pre-experiment covariate X.
 *
 * <p>For each arm, with its own r = ΣY/ΣN and N̄ = ΣN/K, user i's linearised value is
 * L_i = (Y_i − r N_i) / N̄ (so Σ L_i = 0 and Var(r) = Var(L)/K, see {@link UserTotals}). Then:
 * <pre>
 *   θ       = Cov(L, X) / Var(X)           over the users of BOTH arms pooled (the slope of the
 *                                          OLS of L on 1 and X); since Σ L = 0 in each arm,
 *           = Σ_arms Σ L_i X_i / Σ_all (X_i − X̄_pooled)²
 *   r_adj   = r − θ (X̄_arm − X̄_pooled)
 *   Var_adj = Var(L − θ X) / K             (within the arm, denominator K − 1)
 *           = [Σ L² − 2 θ Σ L (X − X̄_arm) + θ² Σ (X − X̄_arm)²] / (K (K − 1))
 * </pre>
 * One θ for both arms keeps the adjustment from depending on the treatment (the pre-period cannot be
 * affected by it) and makes the two adjusted estimates comparable; θ is treated as known, as in the
 * paper. Because X is pre-experiment, E[X̄_arm − X̄_pooled] = 0 and the adjusted estimate is unbiased
 * for the same effect; its variance is Var(r)(1 − ρ²) at best, ρ the correlation of L and X.
 *
 * <p><b>Users without pre-period data.</b> The caller passes, for a user with no pre-period value,
 * the pooled pre-period mean of the users that have one (both arms), the standard imputation: such a
 * user is adjusted by θ(X̄_obs − X̄_pooled), nearly nothing, and the users with history still reduce the
 * variance. Without any covariate (every X_i the same, e.g. 0) Var(X) = 0, θ is 0 and nothing changes
 * (see {@link #CONSTANT_COVARIATE} for what counts as 0 in floating point).
 */
public final class Cuped {

    /**
     * Σ(X − X̄)² at or below this share of ΣX² counts as 0: it is computed as ΣX² − (ΣX)²/K from sums
     * whose rounding is about K · 2⁻⁵³ of ΣX², so a constant covariate (every user imputed with the same
     * value) can leave ~1e-16 · ΣX² instead of 0, and θ would be rounding noise over rounding noise.
     * Any real covariate varies far more.
     */
    static final double CONSTANT_COVARIATE = 1e-10;

    private Cuped() {
    }

    /**
     * One arm after the adjustment.
     *
     * @param ratio r, unadjusted
     * @param ratioVariance Var(r), the delta-method variance
     * @param adjustedRatio r_adj
     * @param adjustedVariance Var_adj
     */
    public record Arm(double ratio, double ratioVariance, double adjustedRatio, double adjustedVariance) {

        /** 1 − Var_adj / Var(r): the share of the variance the covariate removed. */
        public double varianceReduction() {
            return 1 - adjustedVariance / ratioVariance;
        }
    }

    /**
     * Both arms after the adjustment with their common θ.
     *
     * @param theta θ, pooled over both arms
     * @param treatment the treatment arm
     * @param control the control arm
     */
    public record Adjusted(double theta, Arm treatment, Arm control) {
    }

    /**
     * Adjusts both arms' ratio metric with the covariate in their totals; each arm needs at least two
     * users and ΣN &gt; 0.
     */
    public static Adjusted adjust(UserTotals treatment, UserTotals control) {
        checkArm("treatment", treatment);
        checkArm("control", control);
        UserTotals pooled = treatment.plus(control);
        double covariateSquares = pooled.covariateSumOfSquaredDeviations();
        double theta = covariateSquares <= CONSTANT_COVARIATE * pooled.sumXX() ? 0
                : (treatment.linearisedCrossCovariate() + control.linearisedCrossCovariate()) / covariateSquares;
        double pooledMeanX = pooled.meanX();
        return new Adjusted(theta, arm(treatment, theta, pooledMeanX), arm(control, theta, pooledMeanX));
    }

    private static Arm arm(UserTotals totals, double theta, double pooledMeanX) {
        double users = totals.users();
        double residualSquares = totals.linearisedSumOfSquares() - 2 * theta * totals.linearisedCrossCovariate()
                + theta * theta * totals.covariateSumOfSquaredDeviations();
        return new Arm(totals.ratio(), totals.ratioVariance(),
                totals.ratio() - theta * (totals.meanX() - pooledMeanX),
                Math.max(0, residualSquares) / (users * (users - 1)));
    }

    private static void checkArm(String name, UserTotals totals) {
        if (totals.users() < 2 || totals.sumN() == 0) {
            throw new IllegalArgumentException("CUPED needs at least 2 users and a positive ΣN in the " + name
                    + " arm, got " + totals.users() + " users and ΣN=" + totals.sumN());
        }
    }
}
