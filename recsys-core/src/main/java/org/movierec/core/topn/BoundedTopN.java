package org.movierec.core.topn;

/**
 * The best {@code n} of the (item, score) pairs offered so far, best first: a bounded min-heap on primitive arrays,
 * {@code O(log n)} per accepted offer and one comparison per rejected one, no boxing. Ranking is by score, then by
 * the lower item index, so the result does not depend on the order of the offers. NaN scores are never kept.
 * Mutable and single-threaded: one per call.
 */
final class BoundedTopN {

    private final int[] heapItems;
    private final float[] heapScores;
    private int size;

    /** @param n how many to keep ({@code n ≥ 1}) */
    BoundedTopN(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be ≥ 1, was " + n);
        }
        heapItems = new int[n];
        heapScores = new float[n];
    }

    /** Keeps {@code (item, score)} if it ranks among the best {@code n} so far. */
    void offer(int item, float score) {
        if (score != score) {
            return;
        }
        if (size < heapItems.length) {
            heapItems[size] = item;
            heapScores[size] = score;
            siftUp(size++);
        } else if (better(score, item, heapScores[0], heapItems[0])) {
            heapItems[0] = item;
            heapScores[0] = score;
            siftDown(size);
        }
    }

    /**
     * The lowest score an offer needs to be kept: the worst kept score once {@code n} are kept (an equal score is
     * kept only with a lower item index), {@code -∞} before.
     */
    float floor() {
        return size < heapItems.length ? Float.NEGATIVE_INFINITY : heapScores[0];
    }

    /** The kept pairs, best first; empties this heap. */
    ScoredItems drain() {
        int[] items = new int[size];
        float[] scores = new float[size];
        // Pop the min-heap from the back: the worst goes last.
        for (int out = size - 1; out >= 0; out--) {
            items[out] = heapItems[0];
            scores[out] = heapScores[0];
            size--;
            heapItems[0] = heapItems[size];
            heapScores[0] = heapScores[size];
            siftDown(size);
        }
        return new ScoredItems(items, scores);
    }

    /** Is (score a, item ia) ranked above (score b, item ib)? */
    private static boolean better(float a, int ia, float b, int ib) {
        return a > b || (a == b && ia < ib);
    }

    /** Min-heap by rank: the root is the worst kept entry. */
    private void siftUp(int at) {
        int item = heapItems[at];
        float score = heapScores[at];
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!better(heapScores[parent], heapItems[parent], score, item)) {
                break;
            }
            heapItems[at] = heapItems[parent];
            heapScores[at] = heapScores[parent];
            at = parent;
        }
        heapItems[at] = item;
        heapScores[at] = score;
    }

    private void siftDown(int size) {
        if (size == 0) {
            return;
        }
        int at = 0;
        int item = heapItems[0];
        float score = heapScores[0];
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && better(heapScores[child], heapItems[child], heapScores[child + 1],
                    heapItems[child + 1])) {
                child++;
            }
            if (!better(score, item, heapScores[child], heapItems[child])) {
                break;
            }
            heapItems[at] = heapItems[child];
            heapScores[at] = heapScores[child];
            at = child;
        }
        heapItems[at] = item;
        heapScores[at] = score;
    }
}
