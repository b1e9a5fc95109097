package org.movierec.core.model;

import java.util.Arrays;
import java.util.BitSet;
import org.movierec.core.data.ImplicitFeedback;
import org.movierec.core.data.Ratings;

/**
 * Each user's implicit set {@code N(u)} of SVD++ (Koren 2008): the movies the user rated or watched,
 * each once. Compressed sparse rows: {@code items[offsets[u] .. offsets[u+1])}, strictly ascending.
 * Immutable by contract (arrays are handed over, not copied).
 */
public final class ImplicitItems {

    private final int[] offsets;
    private final int[] items;

    /**
     * @param offsets length users+1, from 0, non-decreasing, ending at {@code items.length}
     * @param items   item indices, strictly ascending within each user
     */
    public ImplicitItems(int[] offsets, int[] items) {
        if (offsets.length < 1 || offsets[0] != 0 || offsets[offsets.length - 1] != items.length) {
            throw new IllegalArgumentException("offsets must run from 0 to " + items.length);
        }
        this.offsets = offsets;
        this.items = items;
    }

    /**
     * The union, per user, of the items rated in {@code ratings} and the pairs of {@code watched} (which
     * shares the ratings' indices), for all users of the ratings' index.
     */
    public static ImplicitItems of(Ratings ratings, ImplicitFeedback watched) {
        int users = ratings.users().size();
        int[] counts = new int[users + 1];
        for (int r = 0; r < ratings.size(); r++) {
            counts[ratings.user(r) + 1]++;
        }
        for (int r = 0; r < watched.size(); r++) {
            counts[watched.user(r) + 1]++;
        }
        for (int u = 0; u < users; u++) {
            counts[u + 1] += counts[u];
        }
        int[] all = new int[counts[users]];
        int[] fill = Arrays.copyOf(counts, users);
        for (int r = 0; r < ratings.size(); r++) {
            all[fill[ratings.user(r)]++] = ratings.item(r);
        }
        for (int r = 0; r < watched.size(); r++) {
            all[fill[watched.user(r)]++] = watched.item(r);
        }
        int[] offsets = new int[users + 1];
        int size = 0;
        for (int u = 0; u < users; u++) {
            Arrays.sort(all, counts[u], counts[u + 1]);
            for (int j = counts[u]; j < counts[u + 1]; j++) {
                if (j == counts[u] || all[j] != all[j - 1]) {
                    all[size++] = all[j];
                }
            }
            offsets[u + 1] = size;
        }
        return new ImplicitItems(offsets, Arrays.copyOf(all, size));
    }

    /** Each item of {@code items[0..n)} once, ascending (for fold-in's events, which may repeat). */
    public static int[] distinct(int[] items, int n) {
        int[] sorted = Arrays.copyOf(items, n);
        Arrays.sort(sorted);
        int size = 0;
        for (int j = 0; j < n; j++) {
            if (j == 0 || sorted[j] != sorted[j - 1]) {
                sorted[size++] = sorted[j];
            }
        }
        return Arrays.copyOf(sorted, size);
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

    /** Sets the user's implicit set in {@code into}, without copying it (serving calls this per request). */
    public void addTo(int user, BitSet into) {
        if (count(user) > 0) {
            for (int j = offsets[user]; j < offsets[user + 1]; j++) {
                into.set(items[j]);
            }
        }
    }

    /** The user's implicit set, ascending (a copy). */
    public int[] of(int user) {
        return count(user) == 0 ? new int[0] : Arrays.copyOfRange(items, offsets[user], offsets[user + 1]);
    }

    /** The row offsets (length users+1); do not modify. */
    public int[] offsets() {
        return offsets;
    }

    /** All items, row after row; do not modify. */
    public int[] items() {
        return items;
    }
}
