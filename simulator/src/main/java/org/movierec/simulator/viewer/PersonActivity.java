package org.movierec.simulator.viewer;

import java.util.List;

/**
 * A person's history and analytics as the app shows them: what the collector stored of the user, with the
 * catalogue's titles and runtimes, and how the lists they were shown performed. Newest first throughout.
 *
 * @param userId  the user
 * @param watches what they watched
 * @param ratings what they rated
 * @param lists   the lists served to them, each with what came of it
 * @param totals  the lists' outcomes summed, over the distinct movies shown
 * @param errors  per model version, how far its predictions were from this person's ratings
 */
public record PersonActivity(long userId, List<Watch> watches, List<Rating> ratings, List<ServedList> lists,
                             Totals totals, List<VersionError> errors) {

    /**
     * A watch: {@code finished} when every minute of the movie was streamed.
     */
    public record Watch(String movieId, String title, int minutesWatched, int runtime, boolean finished, String lastAt) {
    }

    /** A rating. */
    public record Rating(String movieId, String title, int rating, String ratedAt) {
    }

    /**
     * A served list and what came of it.
     *
     * @param watched  the title of the movie of the list watched within the watch-through window (the collector's
     *                 mark, the A/B report's "watched"), or null
     * @param shown    movies in the list
     * @param finished movies of the list watched to the end after it was served
     * @param rated    movies of the list rated after it was served
     */
    public record ServedList(String servedAt, String modelVersion, String experiment, String arm, boolean fallback,
                             String watched, int shown, int finished, int rated) {
    }

    /**
     * @param lists         lists served
     * @param watchedLists  lists followed by a watch of one of their movies (watch-through)
     * @param moviesShown   distinct movies shown
     * @param shownWatched  of those, watched after they were first shown
     * @param shownFinished of those, watched to the end
     * @param shownRated    of those, rated after they were first shown
     */
    public record Totals(int lists, int watchedLists, int moviesShown, int shownWatched, int shownFinished,
                         int shownRated) {
    }

    /**
     * @param modelVersion the version that served the person before the ratings
     * @param ratings      ratings it had a prediction for
     * @param rmse         root mean squared error of those predictions
     */
    public record VersionError(String modelVersion, int ratings, double rmse) {
    }
}
