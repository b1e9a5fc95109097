package org.movierec.retrain.snapshot;

import java.util.Objects;

/**
 * What the user API (or a MovieLens demographics file) says about a user.
 *
 * @param userId     the user id, as in the ratings
 * @param age        age in years (0 when unknown)
 * @param gender     as given, e.g. {@code F}, {@code M}
 * @param occupation as given, e.g. {@code engineer}
 */
public record UserProfile(String userId, int age, String gender, String occupation) {

    public UserProfile {
        Objects.requireNonNull(userId, "userId");
        gender = clean(gender);
        occupation = clean(occupation);
        if (age < 0) {
            throw new IllegalArgumentException("negative age " + age + " for user " + userId);
        }
    }

    /** A field fit for one cell of a tab-separated file: no tabs or line breaks, {@code unknown} if empty. */
    static String clean(String s) {
        if (s == null || s.isBlank()) {
            return "unknown";
        }
        return s.strip().replaceAll("[\\t\\r\\n]+", " ");
    }
}
