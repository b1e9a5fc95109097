package org.movierec.telemetry.activity;

import java.util.List;

/**
 * What the telemetry tables hold of one user, newest first: the answer of {@code GET /users/{userId}/activity}.
 * Raw facts only; what they mean to a person (whether a watch went to the end of the movie, for one) is for the
 * reader, who knows the catalogue.
 *
 * @param userId       the user
 * @param watches      the user's watch sessions ({@code watch_sessions}), by last minute streamed
 * @param ratings      every rating the user gave ({@code rating_history}), by rating time
 * @param servedLists  the lists served to the user ({@code served_recommendations}), by serving time
 * @param predictions  the user's ratings with what the serving version had predicted ({@code online_predictions},
 *                     rows with a prediction only), by rating time
 */
public record UserActivity(long userId, List<Watch> watches, List<Rating> ratings, List<ServedList> servedLists,
                           List<Prediction> predictions) {

    /** A watch session: the distinct minutes streamed of one movie, first and last streamed at (ISO-8601 UTC). */
    public record Watch(String movieId, int minutesWatched, int maxMinute, String firstAt, String lastAt) {
    }

    /** A rating as given. */
    public record Rating(String movieId, int rating, String ratedAt) {
    }

    /**
     * A served list; {@code watchedMovie}/{@code watchedAt} are set when the user watched one of its movies within
     * the watch-through window (null until then).
     */
    public record ServedList(String requestId, String servedAt, String modelVersion, String experiment, String arm,
                             boolean fallback, List<String> items, String watchedMovie, String watchedAt) {
    }

    /** A rating and the serving version's prediction of it (fold-in free). */
    public record Prediction(String movieId, double rating, double predicted, String modelVersion, String experiment,
                             String arm, String time) {
    }
}
