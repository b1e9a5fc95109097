package org.movierec.core.data.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The demographics of a set of users, by user id, in the order they were given. Immutable. */
public final class Demographics {

    private static final List<String> AGE_BANDS = List.of("1", "18-24", "25-34", "35-44", "45-49", "50-55", "56+");

    private final Map<String, UserDemographics> byUserId;

    /**
     * @throws IllegalArgumentException when two entries share a user id
     */
    public Demographics(Collection<UserDemographics> users) {
        Map<String, UserDemographics> map = new LinkedHashMap<>(Math.max(16, (int) (users.size() / 0.75f) + 1));
        for (UserDemographics user : users) {
            if (map.putIfAbsent(user.userId(), user) != null) {
                throw new IllegalArgumentException("duplicate user id: " + user.userId());
            }
        }
        this.byUserId = Collections.unmodifiableMap(map);
    }

    /** The demographics of {@code userId}, or {@code null} for a user this table does not describe. */
    public UserDemographics get(String userId) {
        return byUserId.get(userId);
    }

    public boolean contains(String userId) {
        return byUserId.containsKey(userId);
    }

    public int size() {
        return byUserId.size();
    }

    /** All users, in the order given, read-only. */
    public List<UserDemographics> all() {
        return Collections.unmodifiableList(new ArrayList<>(byUserId.values()));
    }

    /**
     * The MovieLens-1M age band of {@code age}: {@code "1"} (under 18), {@code "18-24"},
     * {@code "25-34"}, {@code "35-44"}, {@code "45-49"}, {@code "50-55"} or {@code "56+"}. Works on
     * ages in years and on ML-1M age codes alike (code 25 falls in {@code "25-34"}).
     *
     * @throws IllegalArgumentException for a negative age
     */
    public static String ageBand(int age) {
        if (age < 0) {
            throw new IllegalArgumentException("negative age " + age);
        }
        if (age < 18) {
            return "1";
        }
        if (age < 25) {
            return "18-24";
        }
        if (age < 35) {
            return "25-34";
        }
        if (age < 45) {
            return "35-44";
        }
        if (age < 50) {
            return "45-49";
        }
        if (age < 56) {
            return "50-55";
        }
        return "56+";
    }

    /** The age bands {@link #ageBand(int)} returns, youngest first. */
    public static List<String> ageBands() {
        return AGE_BANDS;
    }

    @Override
    public String toString() {
        return "Demographics[" + size() + " users]";
    }
}
