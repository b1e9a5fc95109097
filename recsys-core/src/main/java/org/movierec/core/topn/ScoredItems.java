package org.movierec.core.topn;

import java.util.Arrays;

/**
 * Items with scores, best first.
 *
 * @param items  item indices, best first
 * @param scores their scores, same order
 */
public record ScoredItems(int[] items, float[] scores) {

    public static final ScoredItems EMPTY = new ScoredItems(new int[0], new float[0]);

    public int size() {
        return items.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoredItems other && Arrays.equals(items, other.items) && Arrays.equals(scores, other.scores);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(items) + Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
        return "ScoredItems" + Arrays.toString(items);
    }
}
