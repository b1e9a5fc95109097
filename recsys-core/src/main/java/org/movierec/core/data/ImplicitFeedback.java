package org.movierec.core.data;

import java.util.Arrays;
import java.util.Objects;
import org.movierec.core.ids.IdIndex;

/**
 * Implicit feedback without a rating: "user {@code user(r)} watched item {@code item(r)}" (a watch
 * session, a click). It sits beside a {@link Ratings} table and shares its id indices, so the same
 * user and movie have the same numbers in both; a pair may repeat (the implicit set counts it once).
 *
 * <p>Build it on the ratings' indices ({@link #builder(IdIndex, IdIndex)} with {@code ratings.users()}
 * and {@code ratings.items()}); a user who only watched is added to the index and becomes a user of the
 * model, with a vector from the watched movies alone. Immutable once built.
 */
public final class ImplicitFeedback {

    private static final ImplicitFeedback NONE = new ImplicitFeedback(new int[0], new int[0]);

    private final int[] users;
    private final int[] items;

    private ImplicitFeedback(int[] users, int[] items) {
        this.users = users;
        this.items = items;
    }

    /** No implicit feedback beyond the ratings themselves. */
    public static ImplicitFeedback none() {
        return NONE;
    }

    /** A builder that adds ids to {@code users} and {@code items} (share them with the ratings). */
    public static Builder builder(IdIndex users, IdIndex items) {
        return new Builder(users, items);
    }

    public int size() {
        return users.length;
    }

    public int user(int row) {
        return users[row];
    }

    public int item(int row) {
        return items[row];
    }

    /** Appends (user, item) pairs by external id or by index; not thread-safe. */
    public static final class Builder {
        private final IdIndex userIndex;
        private final IdIndex itemIndex;
        private int[] users = new int[1024];
        private int[] items = new int[1024];
        private int size;

        private Builder(IdIndex users, IdIndex items) {
            this.userIndex = Objects.requireNonNull(users, "users");
            this.itemIndex = Objects.requireNonNull(items, "items");
        }

        public Builder add(String userId, String itemId) {
            return addIndexed(userIndex.add(userId), itemIndex.add(itemId));
        }

        public Builder addIndexed(int user, int item) {
            if (user < 0 || user >= userIndex.size() || item < 0 || item >= itemIndex.size()) {
                throw new IllegalArgumentException("index out of range: user " + user + ", item " + item);
            }
            if (size == users.length) {
                users = Arrays.copyOf(users, size * 2);
                items = Arrays.copyOf(items, size * 2);
            }
            users[size] = user;
            items[size] = item;
            size++;
            return this;
        }

        public ImplicitFeedback build() {
            return new ImplicitFeedback(Arrays.copyOf(users, size), Arrays.copyOf(items, size));
        }
    }
}
