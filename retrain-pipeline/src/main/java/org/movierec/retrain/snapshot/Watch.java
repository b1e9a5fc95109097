package org.movierec.retrain.snapshot;

/**
 * One user's watching of one movie up to the snapshot's cutoff, from the collector's {@code watch_sessions}
 * (one row per user and movie, however many sessions and minutes).
 *
 * @param userId         the user
 * @param movieId        the movie
 * @param minutesWatched distinct minutes of the movie the user streamed (replays counted once)
 * @param firstSeen      epoch seconds of the first minute streamed
 */
public record Watch(String userId, String movieId, int minutesWatched, long firstSeen) {
}
