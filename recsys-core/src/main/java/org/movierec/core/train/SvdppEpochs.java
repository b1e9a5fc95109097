package org.movierec.core.train;

import java.util.SplittableRandom;
import org.movierec.core.model.SvdModel;
import org.movierec.core.random.Randoms;

/**
 * SGD epochs of SVD++ (Koren 2008, "Factorization meets the neighborhood", section 4, eq. 15):
 * {@code r̂(u,i) = μ + b_u + b_i + q_i·z_u} with {@code z_u = p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j}.
 *
 * <p>The textbook step updates every {@code y_j, j∈N(u)} after every rating of {@code u}, which makes
 * an epoch cost {@code O(Σ_u |R(u)|·|N(u)|·k)}. Here an epoch visits the users in a random order and,
 * per user, (1) computes the implicit sum {@code s_u = |N(u)|^-½ Σ y_j} once, (2) runs over the user's
 * ratings in their shuffled order with {@code z_u = p_u + s_u}, applying for each rating, with
 * {@code e = r − r̂}:
 * <pre>
 *   b_u += η(e − λ_b b_u)      b_i += η(e − λ_b b_i)
 *   p_u += η(e q_i − λ p_u)    q_i += η(e z_u − λ q_i)      g += e q_i   (all from the old values)
 * </pre>
 * and (3) applies the accumulated gradient to the implicit factors once:
 * {@code y_j += η(|N(u)|^-½ g − λ_y y_j)} for {@code j ∈ N(u)}. An epoch then costs
 * {@code O(ratings·k + implicit pairs·k)}. The implicit penalty {@code λ_y} is thus applied once per
 * user and epoch, not once per rating. Users with an implicit set but no training rating give no
 * gradient and are skipped; their vector is their implicit sum alone.
 *
 * <p>Numbering is the trainer's internal one. It runs on one thread: {@code y_j} is shared by all
 * users who watched {@code j}, so the trainer's stratification by user and item blocks does not
 * separate the writes; sequential, it depends on the seed alone.
 */
final class SvdppEpochs {

    /** Each user's training rows: {@code items/values[rowOffsets[u] .. rowOffsets[u+1])}. */
    private final int[] rowOffsets;
    private final int[] rowItems;
    private final float[] rowValues;
    /** Each user's implicit set: {@code setItems[setOffsets[u] .. setOffsets[u+1])}. */
    private final int[] setOffsets;
    private final int[] setItems;
    private final int factors;

    SvdppEpochs(int[] rowOffsets, int[] rowItems, float[] rowValues, int[] setOffsets, int[] setItems, int factors) {
        this.rowOffsets = rowOffsets;
        this.rowItems = rowItems;
        this.rowValues = rowValues;
        this.setOffsets = setOffsets;
        this.setItems = setItems;
        this.factors = factors;
    }

    /** The rows {@code users/items/values[0..size)} grouped by user, keeping their order within a user. */
    static SvdppEpochs group(int[] users, int[] items, float[] values, int size, int nUsers,
                             int[] setOffsets, int[] setItems, int factors) {
        int[] offsets = new int[nUsers + 1];
        for (int j = 0; j < size; j++) {
            offsets[users[j] + 1]++;
        }
        for (int u = 0; u < nUsers; u++) {
            offsets[u + 1] += offsets[u];
        }
        int[] fill = java.util.Arrays.copyOf(offsets, nUsers);
        int[] groupedItems = new int[size];
        float[] groupedValues = new float[size];
        for (int j = 0; j < size; j++) {
            int at = fill[users[j]]++;
            groupedItems[at] = items[j];
            groupedValues[at] = values[j];
        }
        return new SvdppEpochs(offsets, groupedItems, groupedValues, setOffsets, setItems, factors);
    }

    /** One epoch over all users in an order drawn from {@code random}; returns the squared errors seen. */
    double run(float mean, float[] userBias, float[] itemBias, float[][] userRows, float[][] itemRows,
               float[][] implicitRows, float rate, float reg, float biasReg, float implicitReg, SplittableRandom random) {
        int nUsers = rowOffsets.length - 1;
        int[] order = Randoms.permutation(nUsers, random);
        float[] implicitSum = new float[factors];
        float[] gradient = new float[factors];
        double squaredError = 0;
        for (int u : order) {
            if (rowOffsets[u + 1] == rowOffsets[u]) {
                continue;
            }
            squaredError += updateUser(u, mean, userBias, itemBias, userRows, itemRows, implicitRows,
                    rate, reg, biasReg, implicitReg, implicitSum, gradient);
        }
        return squaredError;
    }

    /** Steps (1) to (3) of the class comment for user {@code u}; the scratch arrays have length k. */
    double updateUser(int u, float mean, float[] userBias, float[] itemBias, float[][] userRows, float[][] itemRows,
                      float[][] implicitRows, float rate, float reg, float biasReg, float implicitReg,
                      float[] implicitSum, float[] gradient) {
        int k = factors;
        java.util.Arrays.fill(implicitSum, 0f);
        java.util.Arrays.fill(gradient, 0f);
        int setFrom = setOffsets[u];
        int setTo = setOffsets[u + 1];
        float norm = setTo > setFrom ? (float) (1 / Math.sqrt(setTo - setFrom)) : 0f;
        for (int j = setFrom; j < setTo; j++) {
            float[] y = implicitRows[setItems[j]];
            for (int f = 0; f < k; f++) {
                implicitSum[f] += y[f];
            }
        }
        for (int f = 0; f < k; f++) {
            implicitSum[f] *= norm;
        }
        float[] p = userRows[u];
        float decay = 1f - rate * reg;
        double squaredError = 0;
        for (int r = rowOffsets[u]; r < rowOffsets[u + 1]; r++) {
            int i = rowItems[r];
            float[] q = itemRows[i];
            float prediction = mean + userBias[u] + itemBias[i]
                    + SvdModel.dot(p, 0, q, 0, k) + SvdModel.dot(implicitSum, 0, q, 0, k);
            float err = rowValues[r] - prediction;
            squaredError += (double) err * err;
            userBias[u] += rate * (err - biasReg * userBias[u]);
            itemBias[i] += rate * (err - biasReg * itemBias[i]);
            float re = rate * err;
            for (int f = 0; f < k; f++) {
                float pf = p[f];
                float qf = q[f];
                p[f] = decay * pf + re * qf;
                q[f] = decay * qf + re * (pf + implicitSum[f]);
                gradient[f] += err * qf;
            }
        }
        float implicitDecay = 1f - rate * implicitReg;
        float step = rate * norm;
        for (int j = setFrom; j < setTo; j++) {
            float[] y = implicitRows[setItems[j]];
            for (int f = 0; f < k; f++) {
                y[f] = implicitDecay * y[f] + step * gradient[f];
            }
        }
        return squaredError;
    }

    /**
     * Each user's effective vector {@code p_u + |N(u)|^-½ Σ y_j}; users without training ratings
     * contribute no {@code p_u} (it was never trained) when {@code trained[u]} is false.
     */
    float[][] effectiveRows(float[][] userRows, float[][] implicitRows, boolean[] trained) {
        int k = factors;
        int nUsers = setOffsets.length - 1;
        float[][] effective = new float[nUsers][];
        for (int u = 0; u < nUsers; u++) {
            float[] z = trained[u] ? userRows[u].clone() : new float[k];
            int setFrom = setOffsets[u];
            int setTo = setOffsets[u + 1];
            if (setTo > setFrom) {
                float norm = (float) (1 / Math.sqrt(setTo - setFrom));
                float[] sum = new float[k];
                for (int j = setFrom; j < setTo; j++) {
                    float[] y = implicitRows[setItems[j]];
                    for (int f = 0; f < k; f++) {
                        sum[f] += y[f];
                    }
                }
                for (int f = 0; f < k; f++) {
                    z[f] += norm * sum[f];
                }
            }
            effective[u] = z;
        }
        return effective;
    }
}
