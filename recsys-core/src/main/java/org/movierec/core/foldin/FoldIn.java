package org.movierec.core.foldin;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.movierec.core.model.ImplicitFactors;
import org.movierec.core.model.ImplicitItems;
import org.movierec.core.model.SvdModel;

/**
 * Folds a user into a trained model without retraining: with the item factors {@code q_i}, item
 * biases {@code b_i} and global mean {@code μ} fixed, it finds the user bias {@code b} and factors
 * {@code p} minimising
 * <pre>  Σ_j (r_j − μ − b_{i_j} − b − p·q_{i_j})²  +  λ_b b²  +  λ_f |p|²</pre>
 * over the user's ratings: a ridge regression with the closed-form solution
 * {@code x = (ZᵀZ + Λ)⁻¹ Zᵀy} where row {@code j} of {@code Z} is {@code [1, q_{i_j}]},
 * {@code y_j = r_j − μ − b_{i_j}} and {@code Λ = diag(λ_b, λ_f, …, λ_f)}.
 *
 * <p>With {@code n} ratings and {@code k} factors it solves whichever system is smaller: the primal
 * {@code (k+1)×(k+1)} one above when {@code n > k}, or else the equivalent dual {@code n×n} one,
 * {@code x = Λ⁻¹Zᵀ(ZΛ⁻¹Zᵀ + I)⁻¹y}, which costs {@code O(n²k + n³)}: a few microseconds for a
 * handful of ratings. Both are solved by Cholesky decomposition (EJML).
 *
 * <p>The penalties follow the trainer's SGD objective, which regularises once per rating:
 * {@code λ_f = regularization · n} and {@code λ_b = biasRegularization · n} ("weighted-λ").
 *
 * <h2>SVD++ models</h2>
 * For a model with {@linkplain SvdModel#implicitFactors() implicit factors} (Koren 2008) the user's
 * effective vector is {@code p + s} with the implicit part {@code s = |N|^-½ Σ_{j∈N} y_j} over the
 * implicit set {@code N}: the movies the user rated and watched, each once, as in training. With the
 * {@code y_j} fixed, {@code s} is known, so the ridge regression above runs on the residuals
 * {@code y_j = r_j − μ − b_{i_j} − s·q_{i_j}}, and the result is {@code (b, p + s)}. A user who has
 * only watched gets {@code (0, s)}: a personal vector from the first watch. For an explicit model the
 * watched movies change nothing. The implicit part costs {@code O(|N|·k)}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FoldIn {

    private final SvdModel model;
    private final double factorRegularization;
    private final double biasRegularization;

    public FoldIn(SvdModel model, double factorRegularization, double biasRegularization) {
        if (!(factorRegularization > 0) || !(biasRegularization > 0)) {
            throw new IllegalArgumentException("fold-in regularisation must be > 0");
        }
        this.model = model;
        this.factorRegularization = factorRegularization;
        this.biasRegularization = biasRegularization;
    }

    /** Fold-in with the regularisation the model was trained with (0.08 / 0.02 when unknown). */
    public static FoldIn forModel(SvdModel model) {
        return new FoldIn(model,
                positive(model.hyperparameters().get("regularization"), 0.08),
                positive(model.hyperparameters().get("biasRegularization"), 0.02));
    }

    private static double positive(String value, double fallback) {
        try {
            double v = value == null ? fallback : Double.parseDouble(value);
            return v > 0 ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public SvdModel model() {
        return model;
    }

    /**
     * The user vector from {@code n} ratings: {@code items[j]} (item indices of the model) rated
     * {@code ratings[j]}. With no ratings it is the zero vector: the user is predicted by the means. For
     * an SVD++ model the rated items are the implicit set; see {@link #solve(int[], float[], int, int[], int)}.
     */
    public UserVector solve(int[] items, float[] ratings, int n) {
        return solve(items, ratings, n, NO_ITEMS, 0);
    }

    /**
     * The user vector from {@code n} ratings ({@code items[j]} rated {@code ratings[j]}, item indices of the
     * model) and {@code m} watched movies {@code watched[0..m)} without a rating (repeats and movies also
     * rated count once). For an SVD++ model it is {@code (b, p + |N|^-½ Σ_{j∈N} y_j)} with
     * {@code N} = rated ∪ watched and {@code (b, p)} the ridge solution on the residuals after the implicit
     * part, so a user with watches only ({@code n = 0}) gets {@code (0, |N|^-½ Σ y_j)}. For an explicit
     * model the watched movies are ignored. With neither, the zero vector.
     *
     * @param items   rated item indices, {@code n} of them used
     * @param ratings their ratings
     * @param n       number of ratings, &ge; 0
     * @param watched watched item indices, {@code m} of them used
     * @param m       number of watched movies, &ge; 0
     * @return the user's bias and effective factor vector, to score like a trained user's
     */
    public UserVector solve(int[] items, float[] ratings, int n, int[] watched, int m) {
        return solve(items, ratings, n, watched, m, factorRegularization * n, biasRegularization * n);
    }

    /** {@link #solve(int[], float[], int)} with explicit penalties, for tests and callers with their own policy. */
    public UserVector solve(int[] items, float[] ratings, int n, double lambdaFactors, double lambdaBias) {
        return solve(items, ratings, n, NO_ITEMS, 0, lambdaFactors, lambdaBias);
    }

    private static final int[] NO_ITEMS = new int[0];

    private UserVector solve(int[] items, float[] ratings, int n, int[] watched, int m,
                             double lambdaFactors, double lambdaBias) {
        int k = model.factors();
        float[] implicitPart = implicitPart(items, n, watched, m);
        if (n == 0) {
            return new UserVector(0f, implicitPart);
        }
        UserVector explicit = n <= k
                ? solveDual(items, ratings, n, implicitPart, lambdaFactors, lambdaBias)
                : solvePrimal(items, ratings, n, implicitPart, lambdaFactors, lambdaBias);
        float[] factors = explicit.factors();
        for (int f = 0; f < k; f++) {
            factors[f] += implicitPart[f];
        }
        return explicit;
    }

    /** {@code |N|^-½ Σ_{j∈N} y_j} over N = rated ∪ watched; zero for an explicit model or an empty set. */
    private float[] implicitPart(int[] items, int n, int[] watched, int m) {
        int k = model.factors();
        float[] part = new float[k];
        ImplicitFactors implicit = model.implicitFactors().orElse(null);
        if (implicit == null || n + m == 0) {
            return part;
        }
        int[] all = new int[n + m];
        System.arraycopy(items, 0, all, 0, n);
        System.arraycopy(watched, 0, all, n, m);
        int[] set = ImplicitItems.distinct(all, n + m);
        implicit.addImplicitPart(set, 0, set.length, k, part);
        return part;
    }

    private UserVector solveDual(int[] items, float[] ratings, int n, float[] implicitPart,
                                 double lambdaFactors, double lambdaBias) {
        int k = model.factors();
        float[] q = model.itemFactors();
        DMatrixRMaj gram = new DMatrixRMaj(n, n);
        DMatrixRMaj y = new DMatrixRMaj(n, 1);
        double invBias = 1 / lambdaBias;
        double invFactors = 1 / lambdaFactors;
        for (int a = 0; a < n; a++) {
            int ia = items[a];
            y.data[a] = residual(ia, ratings[a], implicitPart);
            for (int b = 0; b <= a; b++) {
                double v = invBias + invFactors * SvdModel.dot(q, ia * k, q, items[b] * k, k);
                if (a == b) {
                    v += 1;
                }
                gram.data[a * n + b] = v;
                gram.data[b * n + a] = v;
            }
        }
        DMatrixRMaj alpha = cholesky(gram, y);
        double bias = 0;
        double[] p = new double[k];
        for (int a = 0; a < n; a++) {
            double w = alpha.data[a];
            bias += w;
            int off = items[a] * k;
            for (int f = 0; f < k; f++) {
                p[f] += w * q[off + f];
            }
        }
        float[] factors = new float[k];
        for (int f = 0; f < k; f++) {
            factors[f] = (float) (p[f] * invFactors);
        }
        return new UserVector((float) (bias * invBias), factors);
    }

    private UserVector solvePrimal(int[] items, float[] ratings, int n, float[] implicitPart,
                                   double lambdaFactors, double lambdaBias) {
        int k = model.factors();
        int d = k + 1;
        float[] q = model.itemFactors();
        DMatrixRMaj normal = new DMatrixRMaj(d, d);
        DMatrixRMaj rhs = new DMatrixRMaj(d, 1);
        double[] a = normal.data;
        for (int j = 0; j < n; j++) {
            int off = items[j] * k;
            double yj = residual(items[j], ratings[j], implicitPart);
            // z = [1, q]: accumulate the upper triangle of z zᵀ and z·y
            a[0] += 1;
            rhs.data[0] += yj;
            for (int f = 0; f < k; f++) {
                double qf = q[off + f];
                a[f + 1] += qf;
                rhs.data[f + 1] += qf * yj;
                int row = (f + 1) * d;
                for (int g = f; g < k; g++) {
                    a[row + g + 1] += qf * q[off + g];
                }
            }
        }
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < r; c++) {
                a[r * d + c] = a[c * d + r];
            }
        }
        a[0] += lambdaBias;
        for (int f = 1; f < d; f++) {
            a[f * d + f] += lambdaFactors;
        }
        DMatrixRMaj x = cholesky(normal, rhs);
        float[] factors = new float[k];
        for (int f = 0; f < k; f++) {
            factors[f] = (float) x.data[f + 1];
        }
        return new UserVector((float) x.data[0], factors);
    }

    /** {@code r − μ − b_i − s·q_i}, {@code s} being the implicit part (zero for an explicit model). */
    private double residual(int item, float rating, float[] implicitPart) {
        int k = model.factors();
        return rating - model.globalMean() - model.itemBias()[item]
                - SvdModel.dot(implicitPart, 0, model.itemFactors(), item * k, k);
    }

    private static DMatrixRMaj cholesky(DMatrixRMaj spd, DMatrixRMaj b) {
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(spd.numRows);
        if (!solver.setA(spd)) {
            // Cannot happen for positive penalties (the matrix is SPD), unless the factors hold NaN.
            throw new IllegalStateException("fold-in system is not positive definite (non-finite item factors?)");
        }
        DMatrixRMaj x = new DMatrixRMaj(b.numRows, 1);
        solver.solve(b, x);
        return x;
    }
}
