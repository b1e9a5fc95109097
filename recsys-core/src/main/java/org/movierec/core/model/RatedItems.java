package org.movierec.core.model;

import java.util.Arrays;
import java.util.BitSet;
import org.movierec.core.data.Ratings;

/**
 * Which items each user rated in the training data, so that recommendations never repeat them:
 * compressed sparse rows, {@code items[offsets[u] .. offsets[u+1])} sorted ascending for user
 * {@code u}. Immutable by contract (arrays are handed over, not copied).
 */
public final class RatedItems {

    private final int[] offsets;
    private final int[] items;

    /**
     * @param offsets length users+1, from 0, non-decreasing, ending at {@code items.length}
     * @param items   item indices, strictly ascending within each user
     */
    public RatedItems(int[] offsets, int[] items) {
        if (offsets.length < 1 || offsets[0] != 0 || offsets[offsets.length - 1] != items.length) {
            throw new IllegalArgumentException("offsets must run from 0 to " + items.length);
        }
        this.offsets = offsets;
        this.items = items;
    }

    /** No rated items for any of {@code users} users. */
    public static RatedItems none(int users) {
        return new RatedItems(new int[users + 1], new int[0]);
    }

    /** The distinct (user, item) pairs of {@code ratings}, for all users of its index. */
    public static RatedItems of(Ratings ratings) {
        Ratings.ByUser byUser = ratings.byUser();
        int users = ratings.users().size();
        int[] offsets = new int[users + 1];
        int[] items = new int[ratings.size()];
        int size = 0;
        for (int u = 0; u < users; u++) {
            int from = size;
            for (int j = byUser.offsets()[u]; j < byUser.offsets()[u + 1]; j++) {
                items[size++] = ratings.item(byUser.rows()[j]);
            }
            Arrays.sort(items, from, size);
            // drop duplicates in place
            int kept = from;
            for (int j = from; j < size; j++) {
                if (j == from || items[j] != items[kept - 1]) {
                    items[kept++] = items[j];
                }
            }
            size = kept;
            offsets[u + 1] = size;
        }
        return new RatedItems(offsets, Arrays.copyOf(items, size));
    }

    public int users() {
        return offsets.length - 1;
    }

    /** Total (user, item) pairs. */
    public int size() {
        return items.length;
    }

    public int count(int user) {
        return user >= 0 && user < users() ? offsets[user + 1] - offsets[user] : 0;
    }

    public boolean contains(int user, int item) {
        return count(user) > 0 && Arrays.binarySearch(items, offsets[user], offsets[user + 1], item) >= 0;
    }

    /** The user's rated items, ascending (a copy). */
    public int[] of(int user) {
        return count(user) == 0 ? new int[0] : Arrays.copyOfRange(items, offsets[user], offsets[user + 1]);
    }

    /** Sets the user's rated items in {@code into}. */
    public void addTo(int user, BitSet into) {
        if (count(user) > 0) {
            for (int j = offsets[user]; j < offsets[user + 1]; j++) {
                into.set(items[j]);
            }
        }
    }

    /** The row offsets (length users+1); do not modify. */
    public int[] offsets() {
        return offsets;
    }

    /** All rated items, row after row; do not modify. */
    public int[] items() {
        return items;
    }
}
