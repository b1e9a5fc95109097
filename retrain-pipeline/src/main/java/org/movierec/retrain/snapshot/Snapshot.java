package org.movierec.retrain.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.movierec.core.data.Ratings;

/**
 * A snapshot: the ratings (latest per user and movie, up to the cutoff, sorted by user then movie id),
 * the watches (every movie a user streamed, rated or not, in the same order), the users and the catalog, and
 * the quality report.
 *
 * @param ratings   the kept ratings, in canonical order
 * @param watches   the kept watches, in canonical order ({@link Watches})
 * @param directory users and movies
 * @param cutoff    ratings at or before this moment were taken
 * @param quality   the data-quality report as written to {@code quality.json}
 */
public record Snapshot(Ratings ratings, List<Watch> watches, Directory directory, Instant cutoff, Map<String, Object> quality) {

    public Snapshot {
        watches = List.copyOf(watches);
    }
}
