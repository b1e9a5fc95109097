package org.movierec.retrain.snapshot;

import java.time.Instant;
import java.util.Map;
import org.movierec.core.data.Ratings;

/**
 * A snapshot: the ratings (latest per user and movie, up to the cutoff, sorted by user then movie id),
 * the users and the catalog, and the quality report.
 *
 * @param ratings   the kept ratings, in canonical order
 * @param directory users and movies
 * @param cutoff    ratings at or before this moment were taken
 * @param quality   the data-quality report as written to {@code quality.json}
 */
public record Snapshot(Ratings ratings, Directory directory, Instant cutoff, Map<String, Object> quality) {
}
