package org.movierec.inference.realtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a user did since the models were trained, as the stream told this replica: their new ratings (movie id →
 * rating) and the movies they started watching, each oldest first and bounded (the oldest forgotten first).
 * Immutable: every event gives a new value.
 *
 * @param ratings new ratings, oldest first, unmodifiable
 * @param watched movies watched, oldest first, unmodifiable
 */
record UserEvents(Map<String, Float> ratings, Set<String> watched) {

    static final UserEvents NONE = new UserEvents(Map.of(), Set.of());

    /** These events and {@code movieId} rated {@code rating} (replacing an earlier rating of it), at most {@code max}. */
    UserEvents withRating(String movieId, float rating, int max) {
        LinkedHashMap<String, Float> r = new LinkedHashMap<>(ratings);
        r.remove(movieId);
        r.put(movieId, rating);
        while (r.size() > max) {
            r.remove(r.keySet().iterator().next());
        }
        return new UserEvents(Collections.unmodifiableMap(r), watched);
    }

    /** These events and {@code movieId} watched, at most {@code max} movies. */
    UserEvents withWatch(String movieId, int max) {
        LinkedHashSet<String> w = new LinkedHashSet<>(watched);
        w.add(movieId);
        while (w.size() > max) {
            w.remove(w.iterator().next());
        }
        return new UserEvents(ratings, Collections.unmodifiableSet(w));
    }
}
