package org.movierec.router.stats;

/**
 * One arm's sums over its users of a ratio metric Y/N whose randomisation unit is the user, with an
 * optional pre-experiment covariate X per user (for {@link Cuped}).
 *
 * <p>User i contributes Y_i (the numerator: watched answers, or the sum of squared errors) and N_i
 * (the denominator: answers, or rated predictions), and X_i (for example the user's pre-period
 * watch-through; 0 for every user when there is none). The record holds K = {@code users} and the
 * sums ΣY, ΣN, ΣY², ΣN², ΣYN, ΣX, ΣX², ΣXY, ΣXN over users — what one SQL {@code GROUP BY arm}
 * over a per-user subquery returns.
 *
 * <p><b>Ratio and its variance.</b> The metric is r = ΣY/ΣN (equal to the mean over all rows when
 * every row has N = 1). Users are independent, their rows are not, so the variance comes from the
 * delta method on the two per-user means (the cluster-robust variance of a ratio estimator; Deng,
 * Knoblich &amp; Lu, "Applying the Delta Method in Metric Analytics: A Practical Guide with Novel
 * Ideas", KDD 2018):
 * <pre>
 *   Var(r) = [s_YY − 2 r s_YN + r² s_NN] / (K · N̄²),   N̄ = ΣN / K,
 * </pre>
 * with the sample (co)variances over users, denominator K − 1. Since Ȳ − r N̄ = 0 this equals
 * Σ L_i² / (K (K − 1)) with the linearised values L_i = (Y_i − r N_i) / N̄, which is how it is
 * computed: Σ L_i² = (ΣY² − 2 r ΣYN + r² ΣN²) / N̄², one cancellation instead of three. It equals
 * the cluster-robust variance of statsmodels' OLS of the rows on a constant with
 * {@code cov_type='cluster'}, whose small-sample factor G/(G − 1) · (n − 1)/(n − k) is G/(G − 1) with
 * k = 1 regressor — the same K/(K − 1) as here. With one row per user (N_i = 1) it is s²/K, the
 * usual variance of a mean. The variance is NaN below two users or when ΣN = 0; a slightly negative
 * Σ L² from rounding becomes 0.
 *
 * @param users K, the number of users
 * @param sumY ΣY
 * @param sumN ΣN
 * @param sumYY ΣY²
 * @param sumNN ΣN²
 * @param sumYN ΣYN
 * @param sumX ΣX
 * @param sumXX ΣX²
 * @param sumXY ΣXY
 * @param sumXN ΣXN
 */
public record UserTotals(long users, double sumY, double sumN, double sumYY, double sumNN, double sumYN,
        double sumX, double sumXX, double sumXY, double sumXN) {

    /** Checks users ≥ 0, every sum finite, the sums of squares and ΣN non-negative, and zero sums when empty. */
    public UserTotals {
        if (users < 0) {
            throw new IllegalArgumentException("users must be >= 0, got " + users);
        }
        double[] sums = {sumY, sumN, sumYY, sumNN, sumYN, sumX, sumXX, sumXY, sumXN};
        for (double sum : sums) {
            if (!Double.isFinite(sum)) {
                throw new IllegalArgumentException("sums must be finite, got " + sum);
            }
            if (users == 0 && sum != 0) {
                throw new IllegalArgumentException("no users need zero sums, got " + sum);
            }
        }
        if (sumN < 0 || sumYY < 0 || sumNN < 0 || sumXX < 0) {
            throw new IllegalArgumentException("ΣN and the sums of squares must be >= 0, got ΣN=" + sumN + ", ΣY²="
                    + sumYY + ", ΣN²=" + sumNN + ", ΣX²=" + sumXX);
        }
    }

    /** The totals of a ratio metric without a covariate (X_i = 0 for every user). */
    public static UserTotals withoutCovariate(long users, double sumY, double sumN, double sumYY, double sumNN,
            double sumYN) {
        return new UserTotals(users, sumY, sumN, sumYY, sumNN, sumYN, 0, 0, 0, 0);
    }

    /** The totals of users with numerators {@code y} and denominators {@code n}, without a covariate. */
    public static UserTotals of(double[] y, double[] n) {
        return of(y, n, new double[y.length]);
    }

    /** The totals of users with numerators {@code y}, denominators {@code n} and covariates {@code x}. */
    public static UserTotals of(double[] y, double[] n, double[] x) {
        ThreeWaySums s = ThreeWaySums.of(y, n, x);
        return new UserTotals(y.length, s.u(), s.v(), s.uu(), s.vv(), s.uv(), s.w(), s.ww(), s.uw(), s.vw());
    }

    /** The totals of both groups of users together (e.g. both arms, pooled). */
    public UserTotals plus(UserTotals other) {
        return new UserTotals(users + other.users, sumY + other.sumY, sumN + other.sumN, sumYY + other.sumYY,
                sumNN + other.sumNN, sumYN + other.sumYN, sumX + other.sumX, sumXX + other.sumXX,
                sumXY + other.sumXY, sumXN + other.sumXN);
    }

    /** The metric r = ΣY / ΣN; NaN when ΣN = 0. */
    public double ratio() {
        return sumN == 0 ? Double.NaN : sumY / sumN;
    }

    /** N̄ = ΣN / K, the mean denominator per user; NaN without users. */
    public double meanN() {
        return users == 0 ? Double.NaN : sumN / users;
    }

    /** X̄ = ΣX / K, the mean covariate per user; NaN without users. */
    public double meanX() {
        return users == 0 ? Double.NaN : sumX / users;
    }

    /**
     * The delta-method (user-clustered) variance of {@link #ratio()}, Σ L_i² / (K (K − 1)); NaN below two
     * users or when ΣN = 0.
     */
    public double ratioVariance() {
        if (users < 2 || sumN == 0) {
            return Double.NaN;
        }
        return linearisedSumOfSquares() / ((double) users * (users - 1));
    }

    /**
     * The variance of one user's linearised value, σ² = K · Var(r): what a power calculation per user
     * ({@link PowerAnalysis}) takes as the unit variance.
     */
    public double unitVariance() {
        return users * ratioVariance();
    }

    /**
     * The design effect: the clustered variance of a metric over the variance its rows would have if they
     * were independent (both of the same estimate, e.g. {@link #ratioVariance()} over s²/n of the rows).
     * Above 1 means the rows of one user are alike and treating them as independent understates the
     * uncertainty by that factor.
     */
    public static double designEffect(double clusteredVariance, double naiveVariance) {
        return clusteredVariance / naiveVariance;
    }

    /** Σ L_i² = (ΣY² − 2 r ΣYN + r² ΣN²) / N̄², at least 0. */
    double linearisedSumOfSquares() {
        double r = ratio();
        double meanN = meanN();
        return Math.max(0, sumYY - 2 * r * sumYN + r * r * sumNN) / (meanN * meanN);
    }

    /** Σ L_i X_i = (ΣXY − r ΣXN) / N̄ (which is also Σ L_i (X_i − X̄), since Σ L_i = 0). */
    double linearisedCrossCovariate() {
        return (sumXY - ratio() * sumXN) / meanN();
    }

    /** Σ (X_i − X̄)² = ΣX² − (ΣX)² / K, at least 0. */
    double covariateSumOfSquaredDeviations() {
        return Math.max(0, sumXX - sumX * sumX / users);
    }
}
