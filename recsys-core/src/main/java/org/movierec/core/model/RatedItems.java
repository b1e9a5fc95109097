package org.movierec.core.model;

import java.util.Arrays;
import java.util.BitSet;
import org.movierec.core.data.Ratings;

/**
 * What each user rated in the training data: the items (so recommendations never repeat them) and
 * the ratings (so serving can fold a known user's new ratings in together with the old ones).
 * Compressed sparse rows: {@code items[offsets[u] .. offsets[u+1])}, sorted ascending, with their
 * ratings at the same positions of {@code values}. Immutable by contract (arrays are handed over,
 * not copied).
 */
public final class RatedItems {

    private final int[] offsets;
    private final int[] items;
    private final float[] values;

    /**
     * @param offsets length users+1, from 0, non-decreasing, ending at {@code items.length}
     * @param items   item indices, strictly ascending within each user
     * @param values  the ratings, parallel to {@code items}
     */
    public RatedItems(int[] offsets, int[] items, float[] values) {
        if (offsets.length < 1 || offsets[0] != 0 || offsets[offsets.length - 1] != items.length) {
            throw new IllegalArgumentException("offsets must run from 0 to " + items.length);
        }
        if (values.length != items.length) {
            throw new IllegalArgumentException("values has length " + values.length + ", items " + items.length);
        }
        this.offsets = offsets;
        this.items = items;
        this.values = values;
    }

    /** No rated items for any of {@code users} users. */
    public static RatedItems none(int users) {
        return new RatedItems(new int[users + 1], new int[0], new float[0]);
    }

    /**
     * The distinct (user, item) pairs of {@code ratings}, for all users of its index; where a user
     * rated an item more than once, the latest rating (by time, then by row) counts.
     */
    public static RatedItems of(Ratings ratings) {
        Ratings.ByUser byUser = ratings.byUser();
        int users = ratings.users().size();
        int[] offsets = new int[users + 1];
        int[] items = new int[ratings.size()];
        float[] values = new float[ratings.size()];
        int size = 0;
        long[] keys = new long[0];
        for (int u = 0; u < users; u++) {
            int from = byUser.offsets()[u];
            int count = byUser.offsets()[u + 1] - from;
            if (keys.length < count) {
                keys = new long[Math.max(count, keys.length * 2)];
            }
            // item in the high half, position in the user's rows in the low half: sorting groups by item
            for (int j = 0; j < count; j++) {
                keys[j] = ((long) ratings.item(byUser.rows()[from + j]) << 32) | j;
            }
            Arrays.sort(keys, 0, count);
            for (int j = 0; j < count; ) {
                int item = (int) (keys[j] >>> 32);
                int latest = byUser.rows()[from + (int) keys[j]];
                for (j++; j < count && (int) (keys[j] >>> 32) == item; j++) {
                    int row = byUser.rows()[from + (int) keys[j]];
                    if (ratings.time(row) >= ratings.time(latest)) {
                        latest = row;
                    }
                }
                items[size] = item;
                values[size] = ratings.value(latest);
                size++;
            }
            offsets[u + 1] = size;
        }
        return new RatedItems(offsets, Arrays.copyOf(items, size), Arrays.copyOf(values, size));
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

    /** The user's ratings, parallel to {@link #of(int)} (a copy). */
    public float[] valuesOf(int user) {
        return count(user) == 0 ? new float[0] : Arrays.copyOfRange(values, offsets[user], offsets[user + 1]);
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

    /** All ratings, parallel to {@link #items()}; do not modify. */
    public float[] values() {
        return values;
    }
}
