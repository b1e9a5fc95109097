package org.movierec.core.topn;

import java.util.BitSet;
import org.movierec.core.model.SvdModel;

/**
 * Scores items for a user and keeps the best {@code n}: {@code μ + b_u + b_i + p_u·q_i}, excluding items the user
 * has already rated. Built once per model (at load time, not per request); immutable and thread-safe.
 *
 * <p><b>{@link #top}: the exact top-N without scoring every item.</b> Scoring all {@code m} items costs
 * {@code m·k} multiply-adds (1.7M for 27,000 movies at rank 64), ~0.1 ms of a core even at its SIMD peak. Instead
 * the scorer walks the items in decreasing order of bias ({@link BiasOrderedItems}), scores exactly only those
 * whose Cauchy–Schwarz bound {@code base + b_i + ‖p‖‖q_i‖} reaches the current {@code n}-th best exact score, and
 * stops as soon as no later item's bound can: the threshold only rises as better items are found and the bound of
 * what is left only falls. An item skipped or never reached cannot enter the top {@code n}, so the result is the
 * one scoring every item gives: the same items in the same order with bit-identical scores, because exact scores
 * are computed from the model's own factors in the same floating-point order as {@link #scoreAll} (Java's float
 * arithmetic is strict, and the vectorised loop adds per item in that order too). Bounds get a
 * {@link #roundingAllowance} so float rounding cannot skip an item that belongs.
 *
 * <p>How much the walk saves depends on how far the biases spread compared with {@code ‖p‖‖q_i‖}: on the
 * generated 1M-user × 27,000-movie model it scores ~30 items exactly out of ~540 visited; on a MovieLens-100k-like
 * model (larger user vectors, 1,682 movies) most items pass the bound and the walk, scalar, is slower than the
 * vectorised scan (docs/BENCHMARKS.md, issue 16). So the walk gives up for the full scan after a budget of exact
 * scores ({@link #WALK_BUDGET_DIVISOR}), and a load-time trial on the model's own users decides whether to walk
 * at all: either way the answer is exact.
 *
 * <p><b>{@link #scoreAll}: every score</b>, for evaluation. It keeps the item factors in factor-major order, one
 * array per factor, so scoring all items is {@code k} passes of {@code scores[i] += p_f · q_f[i]} (see {@link
 * FloatRows}), four factors a pass.
 *
 * <p>Selection is a bounded min-heap ({@link BoundedTopN}). Ties are broken by the lower item index, so results
 * are deterministic.
 */
public final class TopNScorer {

    /**
     * Relative allowance for rounding, on top of {@link #roundingAllowance}'s worst case: a cushion that costs
     * nothing measurable in pruning.
     */
    static final double ROUNDING_CUSHION = 1e-4;

    /**
     * A walk that has scored this many items exactly gives up for the full scan: about a quarter of the scan's
     * time (an exact score is {@code k} dependent scalar multiply-adds, the scan {@code k} SIMD ones per 8–16
     * items), so a user the walk does not suit costs at most ~25 % more than the scan alone; plus twice the list
     * size, which any walk needs (a walk scores at least {@code n} items).
     */
    static final int WALK_BUDGET_DIVISOR = 32;
    /** List size and number of users of the load-time trial that decides whether walking pays for a model. */
    static final int TRIAL_LIST_SIZE = 20;
    static final int TRIAL_USERS = 256;

    private final int itemCount;
    private final int factors;
    private final float globalMean;
    private final float[] itemBias;
    /** The model's item factors, item-major: exact scores of the items the walk reaches. */
    private final float[] itemFactors;
    /** {@code factorRows[f][i] = q_i[f]}: the full scan's layout */
    private final float[][] factorRows;
    private final BiasOrderedItems byBias;
    /** Exact scores a walk for a list of {@code n} may spend: {@code m / WALK_BUDGET_DIVISOR + 2n}. */
    private final int walkBudgetBase;
    /** {@link #roundingAllowance} for this model's rank */
    private final double relativeMargin;
    /** Whether most of a trial of the model's own users finished their walk within the budget. */
    private final boolean walkPays;
    /**
     * One score array per thread for the full scan, reused by every call: serving threads are few and long-lived,
     * and a fresh array per request (108 KB for 27,000 movies) would keep the young collector busy. The scan
     * overwrites every entry, so nothing is carried over between calls.
     */
    private final ThreadLocal<float[]> scratch;

    /** A scorer whose load-time trial walks for the model's own user factors. */
    public TopNScorer(SvdModel model) {
        this(model, model.userFactors());
    }

    /**
     * A scorer whose load-time trial walks for {@code servedUserFactors}: the user vectors as serving will score
     * them, {@code k} per user in the model's user order (for an implicit-feedback model, the precomputed
     * effective vectors rather than the explicit factors alone).
     *
     * @throws IllegalArgumentException if {@code servedUserFactors} does not hold {@code k} factors per user
     */
    public TopNScorer(SvdModel model, float[] servedUserFactors) {
        if (servedUserFactors.length != (long) model.users().size() * model.factors()) {
            throw new IllegalArgumentException("expected " + model.factors() + " factors for each of "
                    + model.users().size() + " users, got " + servedUserFactors.length + " values");
        }
        this.itemCount = model.items().size();
        this.factors = model.factors();
        this.globalMean = model.globalMean();
        this.itemBias = model.itemBias();
        this.itemFactors = model.itemFactors();
        this.factorRows = new float[factors][itemCount];
        for (int i = 0; i < itemCount; i++) {
            for (int f = 0; f < factors; f++) {
                factorRows[f][i] = itemFactors[i * factors + f];
            }
        }
        this.byBias = new BiasOrderedItems(itemFactors, itemBias, factors);
        this.walkBudgetBase = itemCount / WALK_BUDGET_DIVISOR;
        this.relativeMargin = roundingAllowance(factors);
        this.walkPays = trialWalks(model.userBias(), servedUserFactors);
        this.scratch = ThreadLocal.withInitial(() -> new float[itemCount]);
    }

    /**
     * Walks for up to {@link #TRIAL_USERS} of the model's users, evenly spaced: true when more than half finish
     * within the budget. A model whose biases do not dominate its factor products then goes straight to the scan
     * and pays nothing for the walk. Deterministic: it counts exact scores, it does not time them.
     */
    private boolean trialWalks(float[] userBias, float[] userFactors) {
        int users = userBias.length;
        int trials = Math.min(TRIAL_USERS, users);
        int finished = 0;
        for (int t = 0; t < trials; t++) {
            int user = (int) ((long) t * users / trials);
            if (walk(globalMean + userBias[user], userFactors, user * factors, TRIAL_LIST_SIZE, null) != null) {
                finished++;
            }
        }
        return 2 * finished > trials;
    }

    /**
     * How far, relative to the largest magnitude {@code S = |base| + max|b_i| + ‖p‖·max‖q_i‖} a score's terms can
     * sum to, a float bound and a float exact score may each stray from their real values: an exact score is a
     * float sum of {@code k + 2} terms, off by at most {@code (k + 2)·2⁻²⁴·S} (Higham, <i>Accuracy and Stability of
     * Numerical Algorithms</i>, §3.1; {@code Σ|p_f q_f| ≤ ‖p‖‖q‖}), the bound a sum of three terms; twice their sum,
     * plus {@link #ROUNDING_CUSHION}.
     */
    static double roundingAllowance(int k) {
        return 2 * (k + 5) * Math.ulp(1f) / 2 + ROUNDING_CUSHION;
    }

    /** Whether {@link #top} walks the items by bias first for this model (else it scans them all). */
    public boolean walksByBias() {
        return walkPays;
    }

    /**
     * The best {@code n} items for a user with bias {@code userBias} and factors
     * {@code userFactors[offset .. offset+k)}, skipping the items set in {@code excluded} (may be null): always
     * the same as {@code select(scoreAll(...), n, excluded)}, by the walk when it pays and finishes within its
     * budget, else by the full scan.
     */
    public ScoredItems top(float userBias, float[] userFactors, int offset, int n, BitSet excluded) {
        if (n <= 0) {
            return ScoredItems.EMPTY;
        }
        if (walkPays) {
            ScoredItems walked = walk(globalMean + userBias, userFactors, offset, n, excluded);
            if (walked != null) {
                return walked;
            }
        }
        float[] scores = scratch.get();
        scoreAll(userBias, userFactors, offset, scores);
        return select(scores, n, excluded);
    }

    /**
     * The walk in decreasing bias order described in the class comment, or null when it would score more than
     * {@link #walkBudgetBase}{@code  + 2n} items exactly.
     */
    private ScoredItems walk(float base, float[] userFactors, int offset, int n, BitSet excluded) {
        double exactNorm = norm(userFactors, offset);
        float userNorm = BiasOrderedItems.roundedUpNorm(exactNorm * exactNorm);
        float margin = (float) (relativeMargin
                * (Math.abs(base) + byBias.maxAbsBias() + userNorm * byBias.maxNorm()));
        BoundedTopN best = new BoundedTopN(n);
        float floor = Float.NEGATIVE_INFINITY;
        int scored = 0;
        long budget = walkBudgetBase + 2L * n;
        for (int j = 0; j < itemCount; j++) {
            float biased = base + byBias.bias(j);
            if (biased + userNorm * byBias.normBound(j) < floor) {
                break;
            }
            int i = byBias.item(j);
            if (biased + userNorm * byBias.norm(j) >= floor && (excluded == null || !excluded.get(i))) {
                if (++scored > budget) {
                    return null;
                }
                best.offer(i, exactScore(base, userFactors, offset, i));
                floor = best.floor() - margin;
            }
        }
        return best.drain();
    }

    /**
     * One item's exact score, in the same floating-point order as {@link #scoreAll}: {@code (base + b_i)}, then
     * four factors at a time, {@code s += ((p0·q0 + p1·q1) + p2·q2) + p3·q3}, then the rest one by one.
     */
    private float exactScore(float base, float[] p, int offset, int item) {
        float[] q = itemFactors;
        int o = item * factors;
        float s = base + itemBias[item];
        int f = 0;
        for (; f + 3 < factors; f += 4) {
            s += p[offset + f] * q[o + f] + p[offset + f + 1] * q[o + f + 1] + p[offset + f + 2] * q[o + f + 2]
                    + p[offset + f + 3] * q[o + f + 3];
        }
        for (; f < factors; f++) {
            s += p[offset + f] * q[o + f];
        }
        return s;
    }

    private double norm(float[] v, int offset) {
        double sum = 0;
        for (int f = 0; f < factors; f++) {
            sum += (double) v[offset + f] * v[offset + f];
        }
        return Math.sqrt(sum);
    }

    /** {@code out[i] = μ + b_u + b_i + p·q_i} for every item. */
    public void scoreAll(float userBias, float[] userFactors, int offset, float[] out) {
        float[][] rows = factorRows;
        int m = itemCount;
        float base = globalMean + userBias;
        for (int i = 0; i < m; i++) {
            out[i] = base + itemBias[i];
        }
        int f = 0;
        for (; f + 3 < factors; f += 4) {
            FloatRows.addScaled4(out, rows[f], rows[f + 1], rows[f + 2], rows[f + 3],
                    userFactors[offset + f], userFactors[offset + f + 1], userFactors[offset + f + 2],
                    userFactors[offset + f + 3], m);
        }
        for (; f < factors; f++) {
            FloatRows.addScaled(out, rows[f], userFactors[offset + f], m);
        }
    }

    /**
     * The {@code n} best entries of {@code scores} not in {@code excluded} (may be null), best first;
     * equal scores in ascending index order. NaN scores are never selected.
     */
    public static ScoredItems select(float[] scores, int n, BitSet excluded) {
        if (n <= 0) {
            return ScoredItems.EMPTY;
        }
        BoundedTopN best = new BoundedTopN(n);
        for (int i = 0; i < scores.length; i++) {
            if (excluded == null || !excluded.get(i)) {
                best.offer(i, scores[i]);
            }
        }
        return best.drain();
    }
}
