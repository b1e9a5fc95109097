package org.movierec.simulator.traffic;

import java.util.BitSet;
import org.movierec.core.data.Ratings;
import org.movierec.simulator.catalog.World;

/**
 * What each user has watched: the sessions of the world's history (every sampled rating is a session the bootstrap
 * history writes) and the live sessions since. With it a user does not pick from a list a movie they have seen, as
 * people seldom watch a movie again right away; without it ({@code simulator.traffic.rewatch=true}) a list that
 * repeats a user's favourite movies is watched as if they were new. One bit per user and movie; thread-safe.
 */
public final class WatchHistory {

    private final BitSet[] watched;
    private final int movies;

    private WatchHistory(int users, int movies) {
        this.watched = new BitSet[users];
        this.movies = movies;
    }

    /** The sessions of {@code world}'s history. */
    public static WatchHistory of(World world) {
        WatchHistory h = new WatchHistory(world.userCount(), world.movieCount());
        Ratings history = world.data().ratings();
        for (int row = 0; row < history.size(); row++) {
            h.add(history.user(row), history.item(row));
        }
        return h;
    }

    /** Whether user {@code user} has watched movie {@code movie} (indices of the world). */
    public synchronized boolean has(int user, int movie) {
        return watched[user] != null && watched[user].get(movie);
    }

    /** Records that user {@code user} watched movie {@code movie}. */
    public synchronized void add(int user, int movie) {
        if (watched[user] == null) {
            watched[user] = new BitSet(movies);
        }
        watched[user].set(movie);
    }
}
