package org.movierec.router.stats;


/**
 * Both arms' models scored on the same ratings: a paired comparison of their mean squared errors,
 * user-clustered. Each arm's online RMSE is measured on the items its own users chose, so the arms are
 * scored on different, self-selected ratings; predicting every rating of the experiment window with
 * both versions removes that bias, and since the two errors of one rating are strongly correlated the
 * paired test is far more powerful than the unpaired one.
 *
 * <p>From {@link PairedTotals} (per user i: A_i, B_i the squared-error sums of treatment and control,
 * M_i the ratings), with K users:
 * <pre>
 *   mse_T = ΣA/ΣM,  mse_C = ΣB/ΣM,  rmse = √mse
 *   d     = mse_T − mse_C = ΣD/ΣM,  D_i = A_i − B_i
 *   se(d) = √Var(ΣD/ΣM)              delta method over users, {@link UserTotals#ratioVariance()}
 *   z     = d / se,  p = 2 (1 − Φ(|z|)),  interval d ± z_{(1+c)/2} se
 *   relative RMSE change √(ΣA/ΣB) − 1 = √(mse_T/mse_C) − 1, delta method with
 *           Cov(mse_T, mse_C) = Σ L^A_i L^B_i / (K (K − 1)),
 *           L^A_i = (A_i − mse_T M_i)/M̄,  L^B_i = (B_i − mse_C M_i)/M̄   ({@link RelativeEffect#ofCorrelatedRootMeans})
 * </pre>
 * se(d) equals statsmodels' cluster-robust standard error of the OLS of the per-rating differences
 * d_j = e²_T,j − e²_C,j on a constant, grouped by user (small-sample factor K/(K − 1)). The test is a
 * normal z-test, not Student's t: the standard error is a sandwich over users, valid for many users
 * (from a few dozen); with fewer the p-value is too small. d &lt; 0 and a negative relative change mean
 * the treatment predicts better.
 *
 * <p>When the two models make identical errors (se = 0), z is 0 with p = 1 if d = 0 and ±∞ with
 * p = 0 otherwise.
 *
 * @param ratings ΣM, the ratings both models predicted
 * @param users K
 * @param mseT the treatment model's mean squared error
 * @param mseC the control model's mean squared error
 * @param rmseT √mse_T
 * @param rmseC √mse_C
 * @param meanDifference d = mse_T − mse_C
 * @param standardError se(d), user-clustered
 * @param interval the normal interval of d
 * @param z d / se
 * @param pValue the two-sided normal p-value
 * @param relativeRmseChange √(mse_T/mse_C) − 1 with its correlated delta-method interval
 */
public record PairedComparison(long ratings, long users, double mseT, double mseC, double rmseT, double rmseC,
        double meanDifference, double standardError, ConfidenceInterval interval, double z, double pValue,
        RelativeEffect relativeRmseChange) {

    /**
     * Compares the two models on the users' totals at level {@code confidence}; needs at least two users
     * and a positive squared-error sum for each model.
     */
    public static PairedComparison compare(PairedTotals totals, double confidence) {
        ConfidenceInterval.checkConfidence(confidence);
        if (totals.users() < 2 || totals.sumA() == 0 || totals.sumB() == 0) {
            throw new IllegalArgumentException("a paired comparison needs at least 2 users and errors from both"
                    + " models, got " + totals.users() + " users, ΣA=" + totals.sumA() + ", ΣB=" + totals.sumB());
        }
        UserTotals treatment = totals.treatment();
        UserTotals control = totals.control();
        UserTotals difference = totals.difference();
        double mseT = treatment.ratio();
        double mseC = control.ratio();
        double d = difference.ratio();
        double standardError = Math.sqrt(difference.ratioVariance());
        double z;
        if (standardError == 0) {
            z = d == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, d);
        } else {
            z = d / standardError;
        }
        double pValue = StandardNormal.twoSidedPValue(z);
        RelativeEffect relative = RelativeEffect.ofCorrelatedRootMeans(mseT, treatment.ratioVariance(), mseC,
                control.ratioVariance(), covarianceOfMses(totals, mseT, mseC), confidence);
        return new PairedComparison((long) totals.sumM(), totals.users(), mseT, mseC, Math.sqrt(mseT),
                Math.sqrt(mseC), d, standardError, ConfidenceInterval.ofNormal(d, standardError, confidence), z,
                pValue, relative);
    }

    /** Cov(mse_T, mse_C) = (ΣAB − mse_C ΣAM − mse_T ΣBM + mse_T mse_C ΣM²) / (M̄² K (K − 1)). */
    private static double covarianceOfMses(PairedTotals t, double mseT, double mseC) {
        double users = t.users();
        double meanM = t.sumM() / users;
        double crossSum = t.sumAB() - mseC * t.sumAM() - mseT * t.sumBM() + mseT * mseC * t.sumMM();
        return crossSum / (meanM * meanM * users * (users - 1));
    }
}
