package org.movierec.router.stats;

/**
 * Sums over users for a paired comparison of two models scored on the SAME ratings: user i has
 * M_i ratings, A_i is the sum of the squared errors of the treatment model's predictions of them and
 * B_i the same for the control model. The record holds K = {@code users} and ΣA, ΣB, ΣM, ΣA², ΣB²,
 * ΣM², ΣAB, ΣAM, ΣBM over users, as one SQL aggregate over a per-user subquery returns them.
 *
 * <p>The difference D = A − B is analysed from these sums (ΣD² = ΣA² − 2ΣAB + ΣB²), which cancels when
 * the two models' errors are nearly the same: about log₁₀(ΣA²/ΣD²) of the 16 digits are lost, harmless
 * unless the models are practically identical (then the difference is ~0 anyway).
 *
 * @param users K, the number of users
 * @param sumA ΣA
 * @param sumB ΣB
 * @param sumM ΣM, the number of ratings (a whole number)
 * @param sumAA ΣA²
 * @param sumBB ΣB²
 * @param sumMM ΣM²
 * @param sumAB ΣAB
 * @param sumAM ΣAM
 * @param sumBM ΣBM
 */
public record PairedTotals(long users, double sumA, double sumB, double sumM, double sumAA, double sumBB,
        double sumMM, double sumAB, double sumAM, double sumBM) {

    /**
     * Checks users ≥ 0, every sum finite, ΣA, ΣB, the sums of squares ≥ 0, ΣM a whole number ≥ 0, and
     * zero sums without users.
     */
    public PairedTotals {
        if (users < 0) {
            throw new IllegalArgumentException("users must be >= 0, got " + users);
        }
        for (double sum : new double[] {sumA, sumB, sumM, sumAA, sumBB, sumMM, sumAB, sumAM, sumBM}) {
            if (!(sum >= 0) || sum == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("sums of squared errors and counts must be finite and >= 0, got "
                        + sum);
            }
            if (users == 0 && sum != 0) {
                throw new IllegalArgumentException("no users need zero sums, got " + sum);
            }
        }
        if (sumM != Math.rint(sumM)) {
            throw new IllegalArgumentException("ΣM counts ratings and must be a whole number, got " + sumM);
        }
    }

    /** The totals of users with squared-error sums {@code a} (treatment), {@code b} (control) and counts {@code m}. */
    public static PairedTotals of(double[] a, double[] b, double[] m) {
        ThreeWaySums s = ThreeWaySums.of(a, b, m);
        return new PairedTotals(a.length, s.u(), s.v(), s.w(), s.uu(), s.vv(), s.ww(), s.uv(), s.uw(), s.vw());
    }

    /** The treatment model's ratio ΣA / ΣM as {@link UserTotals} (its mean squared error), no covariate. */
    UserTotals treatment() {
        return UserTotals.withoutCovariate(users, sumA, sumM, sumAA, sumMM, sumAM);
    }

    /** The control model's ratio ΣB / ΣM as {@link UserTotals}, no covariate. */
    UserTotals control() {
        return UserTotals.withoutCovariate(users, sumB, sumM, sumBB, sumMM, sumBM);
    }

    /** The per-user difference D = A − B over M as {@link UserTotals}: ΣD² = ΣA² − 2ΣAB + ΣB², ΣDM = ΣAM − ΣBM. */
    UserTotals difference() {
        return UserTotals.withoutCovariate(users, sumA - sumB, sumM, Math.max(0, sumAA - 2 * sumAB + sumBB), sumMM,
                sumAM - sumBM);
    }
}
