package org.movierec.core.data;

import java.util.Arrays;
import java.util.Objects;
import org.movierec.core.ids.IdIndex;

/**
 * An immutable table of ratings in columns of primitives: row {@code r} says that user
 * {@code user(r)} rated item {@code item(r)} with {@code value(r)} at {@code time(r)} (epoch seconds,
 * 0 when unknown). User and item numbers are dense indices into the shared {@link #users()} and
 * {@link #items()} indices, so a train and a test set loaded with the same indices agree on them.
 */
public final class Ratings {

    private final IdIndex users;
    private final IdIndex items;
    private final int[] userIndex;
    private final int[] itemIndex;
    private final float[] value;
    private final long[] time;

    private Ratings(IdIndex users, IdIndex items, int[] userIndex, int[] itemIndex, float[] value, long[] time) {
        this.users = users;
        this.items = items;
        this.userIndex = userIndex;
        this.itemIndex = itemIndex;
        this.value = value;
        this.time = time;
    }

    public static Builder builder(IdIndex users, IdIndex items) {
        return new Builder(users, items, 1024);
    }

    public static Builder builder() {
        return builder(new IdIndex(), new IdIndex());
    }

    public int size() {
        return value.length;
    }

    public int user(int row) {
        return userIndex[row];
    }

    public int item(int row) {
        return itemIndex[row];
    }

    public float value(int row) {
        return value[row];
    }

    public long time(int row) {
        return time[row];
    }

    public IdIndex users() {
        return users;
    }

    public IdIndex items() {
        return items;
    }

    /** The mean rating, 0 for an empty table. */
    public double mean() {
        double sum = 0;
        for (float v : value) {
            sum += v;
        }
        return value.length == 0 ? 0 : sum / value.length;
    }

    /** The rows {@code rows}, in that order, sharing this table's id indices. */
    public Ratings select(int[] rows) {
        int n = rows.length;
        int[] u = new int[n];
        int[] i = new int[n];
        float[] v = new float[n];
        long[] t = new long[n];
        for (int k = 0; k < n; k++) {
            int r = rows[k];
            u[k] = userIndex[r];
            i[k] = itemIndex[r];
            v[k] = value[r];
            t[k] = time[r];
        }
        return new Ratings(users, items, u, i, v, t);
    }

    /** How many ratings each item has, indexed by item (length {@code items().size()}). */
    public int[] countsPerItem() {
        int[] counts = new int[items.size()];
        for (int i : itemIndex) {
            counts[i]++;
        }
        return counts;
    }

    /**
     * The rows grouped by user: {@code rowsOfUser[offsets[u] .. offsets[u+1])} are user {@code u}'s
     * rows, in table order.
     */
    public ByUser byUser() {
        int nUsers = users.size();
        int[] offsets = new int[nUsers + 1];
        for (int u : userIndex) {
            offsets[u + 1]++;
        }
        for (int u = 0; u < nUsers; u++) {
            offsets[u + 1] += offsets[u];
        }
        int[] cursor = Arrays.copyOf(offsets, nUsers);
        int[] rows = new int[size()];
        for (int r = 0; r < size(); r++) {
            rows[cursor[userIndex[r]]++] = r;
        }
        return new ByUser(offsets, rows);
    }

    /** Rows grouped by user; see {@link Ratings#byUser()}. */
    public record ByUser(int[] offsets, int[] rows) {
        public int count(int user) {
            return user + 1 < offsets.length ? offsets[user + 1] - offsets[user] : 0;
        }
    }

    @Override
    public String toString() {
        return "Ratings[" + size() + " ratings, " + users.size() + " users, " + items.size() + " items]";
    }

    /** Appends ratings by external id or by index; not thread-safe. */
    public static final class Builder {
        private final IdIndex users;
        private final IdIndex items;
        private int[] u;
        private int[] i;
        private float[] v;
        private long[] t;
        private int size;

        private Builder(IdIndex users, IdIndex items, int capacity) {
            this.users = Objects.requireNonNull(users);
            this.items = Objects.requireNonNull(items);
            this.u = new int[capacity];
            this.i = new int[capacity];
            this.v = new float[capacity];
            this.t = new long[capacity];
        }

        public Builder add(String userId, String itemId, double rating, long epochSeconds) {
            return addIndexed(users.add(userId), items.add(itemId), rating, epochSeconds);
        }

        public Builder addIndexed(int user, int item, double rating, long epochSeconds) {
            if (user < 0 || user >= users.size() || item < 0 || item >= items.size()) {
                throw new IllegalArgumentException("index out of range: user " + user + ", item " + item);
            }
            if (size == v.length) {
                int capacity = size * 2;
                u = Arrays.copyOf(u, capacity);
                i = Arrays.copyOf(i, capacity);
                v = Arrays.copyOf(v, capacity);
                t = Arrays.copyOf(t, capacity);
            }
            u[size] = user;
            i[size] = item;
            v[size] = (float) rating;
            t[size] = epochSeconds;
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        public IdIndex users() {
            return users;
        }

        public IdIndex items() {
            return items;
        }

        public Ratings build() {
            return new Ratings(users, items, Arrays.copyOf(u, size), Arrays.copyOf(i, size),
                    Arrays.copyOf(v, size), Arrays.copyOf(t, size));
        }
    }
}
