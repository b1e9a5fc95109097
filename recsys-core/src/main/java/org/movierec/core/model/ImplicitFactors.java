package org.movierec.core.model;

/**
 * The implicit part of an SVD++ model (Koren 2008, "Factorization meets the neighborhood", eq. 15):
 * a factor vector {@code y_j} per item and each known user's implicit set {@code N(u)}. A user's
 * effective vector is {@code p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j}; the model stores that sum already added
 * (so serving costs what an explicit model costs) and keeps {@code y} and {@code N(u)} for fold-in.
 *
 * <p>Immutable by contract: the arrays are handed over, not copied.
 */
public final class ImplicitFactors {

    private final float[] itemFactors;
    private final ImplicitItems items;

    /**
     * @param itemFactors {@code y}, row-major by item index, {@code items × factors} floats
     * @param items       each user's implicit set
     */
    public ImplicitFactors(float[] itemFactors, ImplicitItems items) {
        this.itemFactors = itemFactors;
        this.items = items;
    }

    /** The implicit item factors {@code y}, row-major by item index; do not modify. */
    public float[] itemFactors() {
        return itemFactors;
    }

    /** Each known user's implicit set {@code N(u)}. */
    public ImplicitItems items() {
        return items;
    }

    /**
     * Adds {@code |N|^-½ Σ_{j∈N} y_j} for {@code N = set[from..to)} (distinct item indices) to
     * {@code into} (length {@code k}); nothing for an empty set. Sums first, then scales, as the trainer does.
     */
    public void addImplicitPart(int[] set, int from, int to, int k, float[] into) {
        if (to <= from) {
            return;
        }
        float[] sum = new float[k];
        for (int j = from; j < to; j++) {
            int off = set[j] * k;
            for (int f = 0; f < k; f++) {
                sum[f] += itemFactors[off + f];
            }
        }
        float norm = (float) (1 / Math.sqrt(to - from));
        for (int f = 0; f < k; f++) {
            into[f] += norm * sum[f];
        }
    }
}
