package org.movierec.router.stats;

/**
 * The nine sums of three per-user values u, v, w that {@link UserTotals} and {@link PairedTotals} hold:
 * Σu, Σv, Σw, Σu², Σv², Σw², Σuv, Σuw, Σvw, summed in user order (as a database's {@code sum} would).
 */
record ThreeWaySums(double u, double v, double w, double uu, double vv, double ww, double uv, double uw,
        double vw) {

    /** The sums over users of {@code u}, {@code v}, {@code w} (equal lengths, one value per user). */
    static ThreeWaySums of(double[] u, double[] v, double[] w) {
        if (u.length != v.length || u.length != w.length) {
            throw new IllegalArgumentException("need three values per user, got " + u.length + ", " + v.length
                    + " and " + w.length);
        }
        double[] sums = new double[9];
        for (int i = 0; i < u.length; i++) {
            double[] terms = {u[i], v[i], w[i], u[i] * u[i], v[i] * v[i], w[i] * w[i], u[i] * v[i], u[i] * w[i],
                v[i] * w[i]};
            for (int j = 0; j < sums.length; j++) {
                sums[j] += terms[j];
            }
        }
        return new ThreeWaySums(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], sums[7], sums[8]);
    }
}
