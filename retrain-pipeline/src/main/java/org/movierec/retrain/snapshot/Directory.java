package org.movierec.retrain.snapshot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The users and the movie catalog a snapshot is checked against and keeps. Either part may be missing
 * (a demographics file has no catalog): then ratings are not checked against it.
 *
 * @param users  users by id, or {@code null} when no user source was given
 * @param movies movies by id, or {@code null} when no catalog source was given
 * @param source where it came from, for the quality report (never a secret)
 */
public record Directory(Map<String, UserProfile> users, Map<String, MovieInfo> movies, String source) {

    public Directory {
        users = users == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(users));
        movies = movies == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(movies));
    }

    /** No users, no catalog: nothing is checked. */
    public static Directory none() {
        return new Directory(null, null, "none");
    }
}
