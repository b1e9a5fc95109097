package org.movierec.core.data.load;

import java.util.Arrays;
import org.movierec.core.ids.IdIndex;

/**
 * A memo in front of an {@link IdIndex} for ids written as plain non-negative integers, as every
 * MovieLens user and movie id is: the index of id {@code 1193} sits at slot 1193 of an array, so a
 * repeated id costs one array read instead of a substring and a hash lookup, which dominate loading
 * a 25-million-line file. Other ids ({@code padre+nuestro+2007}, {@code 007}, very large numbers)
 * go straight to the index. Valid for one load: it assumes nobody else changes the index meanwhile.
 */
final class NumericIdCache {

    /** Integer ids at or above this bound are not cached, which caps the array at 64 MB. */
    static final int MAX_CACHED_ID = 1 << 24;

    private final IdIndex index;
    /** {@code indexPlusOne[id]} is the index of integer id {@code id} plus one; 0 when not yet known. */
    private int[] indexPlusOne = new int[1024];

    NumericIdCache(IdIndex index) {
        this.index = index;
    }

    /** The index of the id {@code line[start..end)}, added to the index if new. */
    int add(String line, int start, int end) {
        int numeric = canonicalInt(line, start, end);
        if (numeric < 0) {
            return index.add(line.substring(start, end));
        }
        if (numeric < indexPlusOne.length && indexPlusOne[numeric] != 0) {
            return indexPlusOne[numeric] - 1;
        }
        int found = index.add(line.substring(start, end));
        if (numeric >= indexPlusOne.length) {
            indexPlusOne = Arrays.copyOf(indexPlusOne, Math.min(MAX_CACHED_ID, Math.max(numeric + 1, indexPlusOne.length * 2)));
        }
        indexPlusOne[numeric] = found + 1;
        return found;
    }

    /**
     * The value of {@code line[start..end)} when it is the canonical text of an int below
     * {@link #MAX_CACHED_ID} (digits only, no leading zero unless it is {@code 0}); -1 otherwise.
     */
    private static int canonicalInt(String line, int start, int end) {
        int length = end - start;
        if (length == 0 || length > 8 || (length > 1 && line.charAt(start) == '0')) {
            return -1;
        }
        int value = 0;
        for (int k = start; k < end; k++) {
            char c = line.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value < MAX_CACHED_ID ? value : -1;
    }
}
