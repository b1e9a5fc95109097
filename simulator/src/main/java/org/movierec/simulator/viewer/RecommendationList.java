package org.movierec.simulator.viewer;

import java.util.List;

/**
 * What the app shows of one {@code GET /recommend/{userId}} through the router.
 *
 * @param userId       the user
 * @param status       the router's HTTP status, 0 when it did not answer
 * @param error        why there is no list (non-2xx), else null
 * @param modelVersion the version that answered ({@code X-Model-Version}), or null
 * @param experiment   the user's experiment ({@code X-Experiment}), or null when none runs
 * @param arm          the user's arm ({@code X-Arm}), or null
 * @param fallback     why the router answered its popularity list ({@code X-Fallback}), or null
 * @param cards        the movies, best first (ids the catalogue does not know are left out)
 */
public record RecommendationList(long userId, int status, String error, String modelVersion, String experiment,
                                 String arm, String fallback, List<MovieCard> cards) {
}
