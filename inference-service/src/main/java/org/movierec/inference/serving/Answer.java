package org.movierec.inference.serving;

import java.util.Optional;
import java.util.Set;
import org.movierec.core.recommend.Recommendation;
import org.movierec.inference.models.LoadedModel;
import org.movierec.inference.realtime.FoldedUser;

/**
 * What {@link RecommendService#recommend} decided for one request: a list, or why there is none. The resource maps
 * each case to its HTTP answer.
 */
public sealed interface Answer {

    /**
     * A list from {@code model}.
     *
     * @param model the version that answered
     * @param recommendation the movies, best first (the popularity fallback for a user the model does not know)
     * @param folded the user's folded-in ratings, when they were used
     */
    record Served(LoadedModel model, Recommendation recommendation, Optional<FoldedUser> folded) implements Answer {
    }

    /** No model is loaded yet (503). */
    record NoModelLoaded() implements Answer {
        static final NoModelLoaded INSTANCE = new NoModelLoaded();
    }

    /**
     * The version asked for is not loaded here (404).
     *
     * @param version the version asked for
     * @param loaded the versions loaded
     */
    record VersionNotLoaded(String version, Set<String> loaded) implements Answer {
    }
}
