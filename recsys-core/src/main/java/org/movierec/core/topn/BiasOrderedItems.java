package org.movierec.core.topn;

import java.util.Arrays;

/**
 * The items in decreasing order of bias, with what an upper bound on their scores needs: by Cauchy–Schwarz,
 * <pre>  s_i = base + b_i + p·q_i  ≤  base + b_i + ‖p‖ ‖q_i‖  ≤  base + b_i + ‖p‖ max_{j ≥ i} ‖q_j‖</pre>
 * where the last maximum runs over the items after {@code i} in this order ({@link #normBound}). Walking the items
 * in this order, the second bound only falls, so once it is below the {@code n}-th best exact score no later item
 * can enter the top {@code n} and the walk stops (Fagin, Lotem and Naor's threshold algorithm, 2003, with the
 * bias as the sorted attribute). Computed once per model, in double precision, norms rounded up; immutable.
 */
final class BiasOrderedItems {

    /** {@code item[j]}: the item at rank {@code j}, highest bias first, ties by lower index */
    private final int[] item;
    /** {@code bias[j] = b_{item[j]}} */
    private final float[] bias;
    /** {@code norm[j] ≥ ‖q_{item[j]}‖} */
    private final float[] norm;
    /** {@code normBound[j] = max_{j' ≥ j} norm[j']} */
    private final float[] normBound;
    private final double maxNorm;
    private final double maxAbsBias;

    BiasOrderedItems(float[] itemFactors, float[] itemBias, int k) {
        int m = itemBias.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int byBias = Float.compare(itemBias[b], itemBias[a]);
            return byBias != 0 ? byBias : Integer.compare(a, b);
        });
        item = new int[m];
        bias = new float[m];
        norm = new float[m];
        normBound = new float[m];
        double largest = 0;
        double largestBias = 0;
        for (int j = 0; j < m; j++) {
            int i = order[j];
            item[j] = i;
            bias[j] = itemBias[i];
            double sum = 0;
            for (int f = 0; f < k; f++) {
                double q = itemFactors[i * k + f];
                sum += q * q;
            }
            norm[j] = roundedUpNorm(sum);
            largest = Math.max(largest, norm[j]);
            largestBias = Math.max(largestBias, Math.abs(itemBias[i]));
        }
        float running = 0;
        for (int j = m - 1; j >= 0; j--) {
            running = Math.max(running, norm[j]);
            normBound[j] = running;
        }
        this.maxNorm = largest;
        this.maxAbsBias = largestBias;
    }

    /** {@code √sumOfSquares} as a float no smaller than the exact root. */
    static float roundedUpNorm(double sumOfSquares) {
        return Math.nextUp((float) Math.sqrt(sumOfSquares));
    }

    int size() {
        return item.length;
    }

    int item(int rank) {
        return item[rank];
    }

    float bias(int rank) {
        return bias[rank];
    }

    float norm(int rank) {
        return norm[rank];
    }

    float normBound(int rank) {
        return normBound[rank];
    }

    /** The largest item-factor norm and absolute item bias, for the rounding margin. */
    double maxNorm() {
        return maxNorm;
    }

    double maxAbsBias() {
        return maxAbsBias;
    }
}
