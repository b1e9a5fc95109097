package org.movierec.core.data.load;

import java.util.Objects;
import org.movierec.core.data.Ratings;

/** The ratings a {@link RatingsLoader} read from one file, and its report on how that went. */
public record LoadResult(Ratings ratings, LoadReport report) {

    public LoadResult {
        Objects.requireNonNull(ratings, "ratings");
        Objects.requireNonNull(report, "report");
    }
}
