package org.movierec.router.stats;

import java.util.Arrays;

/**
 * The watch-through data of src/test/python/experiment_analysis_reference.py: one row per answer
 * (1 = watched), rows grouped by user, and each user's pre-period watch-through (NaN when the user has
 * no pre-period history). The Java tests see only the per-user sums built here; the script computes its
 * references from the rows.
 */
final class WatchThroughData {

    static final double[][] TREATMENT = {{1, 1, 0, 1}, {0}, {1, 1, 1, 1, 1, 0}, {0, 1}, {1, 0, 0}, {1, 1, 1},
        {0, 0, 0, 1, 0}, {1}, {1, 0, 1, 1}, {0, 1, 1, 0, 1, 1, 1}};
    static final double[] TREATMENT_PRE = {0.75, 0.2, 0.9, Double.NaN, 0.4, 0.8, 0.1, Double.NaN, 0.6, 0.55};
    static final double[][] CONTROL = {{1, 0, 0, 1}, {0, 0}, {1, 1, 0, 1, 1}, {0}, {1, 1, 1, 0}, {0, 1, 0},
        {1, 0, 1, 1, 1, 1}, {0, 0, 0}, {1, 1}};
    static final double[] CONTROL_PRE = {0.5, 0.15, 0.7, Double.NaN, 0.85, 0.3, 0.65, 0.05, Double.NaN};

    private WatchThroughData() {
    }

    /** Y_i: the user's watched answers. */
    static double[] numerators(double[][] users) {
        return Arrays.stream(users).mapToDouble(rows -> Arrays.stream(rows).sum()).toArray();
    }

    /** N_i: the user's answers. */
    static double[] denominators(double[][] users) {
        return Arrays.stream(users).mapToDouble(rows -> rows.length).toArray();
    }

    /** All rows of all users, as if they were independent. */
    static double[] rows(double[][] users) {
        return Arrays.stream(users).flatMapToDouble(Arrays::stream).toArray();
    }

    /** The arm's totals without a covariate. */
    static UserTotals totals(double[][] users) {
        return UserTotals.of(numerators(users), denominators(users));
    }

    /**
     * The arm's totals with the pre-period covariate, a missing value replaced by {@code fill} (the
     * convention {@link Cuped} documents: the pooled mean of the observed pre-period values).
     */
    static UserTotals totals(double[][] users, double[] pre, double fill) {
        double[] x = Arrays.stream(pre).map(v -> Double.isNaN(v) ? fill : v).toArray();
        return UserTotals.of(numerators(users), denominators(users), x);
    }

    /** The mean of the observed (non-NaN) pre-period values of both arms. */
    static double pooledObservedPreMean() {
        return Arrays.stream(new double[][] {TREATMENT_PRE, CONTROL_PRE}).flatMapToDouble(Arrays::stream)
                .filter(v -> !Double.isNaN(v)).average().orElseThrow();
    }
}
