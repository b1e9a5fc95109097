package org.movierec.core.topn;

import java.util.BitSet;
import org.movierec.core.model.SvdModel;

/**
 * Scores every item for a user and keeps the best {@code n}: {@code μ + b_u + b_i + p_u·q_i},
 * excluding items the user has already rated.
 *
 * <p>Built once per model (at load time, not per request): it keeps the item factors in
 * factor-major order, one array per factor, so scoring all items is {@code k} passes of
 * {@code scores[i] += p_f · q_f[i]}: the same index into two arrays, a loop HotSpot's C2 turns into
 * SIMD instructions (with an offset into one flat array it cannot rule out overlap and stays scalar,
 * about 6 times slower here). Selection is a bounded
 * min-heap on primitive arrays: {@code O(m log n)} for {@code m} items, no boxing. Ties are broken by
 * the lower item index, so results are deterministic. Immutable and thread-safe.
 */
public final class TopNScorer {

    private final int itemCount;
    private final int factors;
    private final float globalMean;
    private final float[] itemBias;
    /** {@code factorRows[f][i] = q_i[f]} */
    private final float[][] factorRows;
    /**
     * One score array per thread, reused by every call: serving threads are few and long-lived, and
     * a fresh array per request (108 KB for 27,000 movies) would keep the young collector busy.
     * {@link #scoreAll} overwrites every entry, so nothing is carried over between calls.
     */
    private final ThreadLocal<float[]> scratch;

    public TopNScorer(SvdModel model) {
        this.itemCount = model.items().size();
        this.factors = model.factors();
        this.globalMean = model.globalMean();
        this.itemBias = model.itemBias();
        float[] q = model.itemFactors();
        this.factorRows = new float[factors][itemCount];
        this.scratch = ThreadLocal.withInitial(() -> new float[itemCount]);
        for (int i = 0; i < itemCount; i++) {
            for (int f = 0; f < factors; f++) {
                factorRows[f][i] = q[i * factors + f];
            }
        }
    }

    /**
     * The best {@code n} items for a user with bias {@code userBias} and factors
     * {@code userFactors[offset .. offset+k)}, skipping the items set in {@code excluded} (may be null).
     */
    public ScoredItems top(float userBias, float[] userFactors, int offset, int n, BitSet excluded) {
        float[] scores = scratch.get();
        scoreAll(userBias, userFactors, offset, scores);
        return select(scores, n, excluded);
    }

    /** {@code out[i] = μ + b_u + b_i + p·q_i} for every item. */
    public void scoreAll(float userBias, float[] userFactors, int offset, float[] out) {
        int m = itemCount;
        float base = globalMean + userBias;
        for (int i = 0; i < m; i++) {
            out[i] = base + itemBias[i];
        }
        int f = 0;
        for (; f + 3 < factors; f += 4) {
            addScaled4(out, factorRows[f], factorRows[f + 1], factorRows[f + 2], factorRows[f + 3],
                    userFactors[offset + f], userFactors[offset + f + 1], userFactors[offset + f + 2],
                    userFactors[offset + f + 3], m);
        }
        for (; f < factors; f++) {
            addScaled(out, factorRows[f], userFactors[offset + f], m);
        }
    }

    /** Four factors in one pass: a quarter of the loads and stores of {@code out}. */
    private static void addScaled4(float[] out, float[] r0, float[] r1, float[] r2, float[] r3,
                                   float p0, float p1, float p2, float p3, int m) {
        for (int i = 0; i < m; i++) {
            out[i] += p0 * r0[i] + p1 * r1[i] + p2 * r2[i] + p3 * r3[i];
        }
    }

    /** {@code out[i] += scale · row[i]}: same index into both arrays, so C2 vectorises it. */
    private static void addScaled(float[] out, float[] row, float scale, int m) {
        for (int i = 0; i < m; i++) {
            out[i] += scale * row[i];
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
        int[] heapItems = new int[n];
        float[] heapScores = new float[n];
        int size = 0;
        for (int i = 0; i < scores.length; i++) {
            float s = scores[i];
            if (s != s || (excluded != null && excluded.get(i))) {
                continue;
            }
            if (size < n) {
                heapItems[size] = i;
                heapScores[size] = s;
                siftUp(heapItems, heapScores, size++);
            } else if (better(s, i, heapScores[0], heapItems[0])) {
                heapItems[0] = i;
                heapScores[0] = s;
                siftDown(heapItems, heapScores, size);
            }
        }
        // Pop the min-heap from the back: the worst goes last.
        int[] items = new int[size];
        float[] best = new float[size];
        for (int out = size - 1; out >= 0; out--) {
            items[out] = heapItems[0];
            best[out] = heapScores[0];
            size--;
            heapItems[0] = heapItems[size];
            heapScores[0] = heapScores[size];
            siftDown(heapItems, heapScores, size);
        }
        return new ScoredItems(items, best);
    }

    /** Is (score a, item ia) ranked above (score b, item ib)? */
    private static boolean better(float a, int ia, float b, int ib) {
        return a > b || (a == b && ia < ib);
    }

    /** Min-heap by rank: the root is the worst kept entry. */
    private static void siftUp(int[] items, float[] scores, int at) {
        int item = items[at];
        float score = scores[at];
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!better(scores[parent], items[parent], score, item)) {
                break;
            }
            items[at] = items[parent];
            scores[at] = scores[parent];
            at = parent;
        }
        items[at] = item;
        scores[at] = score;
    }

    private static void siftDown(int[] items, float[] scores, int size) {
        if (size == 0) {
            return;
        }
        int at = 0;
        int item = items[0];
        float score = scores[0];
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && better(scores[child], items[child], scores[child + 1], items[child + 1])) {
                child++;
            }
            if (!better(score, item, scores[child], items[child])) {
                break;
            }
            items[at] = items[child];
            scores[at] = scores[child];
            at = child;
        }
        items[at] = item;
        scores[at] = score;
    }
}
