package org.movierec.router.report;

import java.time.Instant;
import java.util.Map;
import org.movierec.router.stats.UserTotals;

/**
 * One time bucket's per-arm user totals, for the effect over time (novelty and primacy effects show as a lift that
 * shrinks or grows from bucket to bucket).
 *
 * @param start the bucket's start
 * @param watchThrough per arm, per-user watch-through sums of the bucket's answers
 * @param squaredErrors per arm, per-user squared error sums of the bucket's ratings
 */
public record BucketSnapshot(Instant start, Map<String, UserTotals> watchThrough,
        Map<String, UserTotals> squaredErrors) {
}
