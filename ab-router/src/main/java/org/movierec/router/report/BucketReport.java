package org.movierec.router.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The effects in one time bucket, per non-control arm (watch-through, RMSE), user-level: a lift that fades from
 * bucket to bucket is a novelty effect, one that grows a primacy effect.
 *
 * @param start the bucket's start
 * @param effects per non-control arm, its effects against control in the bucket
 */
public record BucketReport(Instant start, Map<String, List<Effect>> effects) {
}
