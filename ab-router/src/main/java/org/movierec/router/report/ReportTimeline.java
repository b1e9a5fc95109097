package org.movierec.router.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An experiment's telemetry in time buckets, per arm, for the report's charts over time.
 *
 * @param from the experiment's start
 * @param to its end, or now while it runs
 * @param width the buckets' width ({@link #bucketWidth})
 * @param buckets one entry per arm and bucket that has data, oldest first
 */
public record ReportTimeline(Instant from, Instant to, Duration width, List<ArmBucket> buckets) {

    /** Buckets a chart shows at most: enough to see a trend, few enough that each has data. */
    public static final int MAX_BUCKETS = 48;

    /** The widths a bucket may have, shortest first: clock-friendly, like a dashboard's intervals. */
    static final List<Duration> WIDTHS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12),
            Duration.ofDays(1), Duration.ofDays(7));

    public ReportTimeline {
        buckets = List.copyOf(buckets);
    }

    /**
     * The shortest of {@link #WIDTHS} whose buckets (aligned to multiples of the width since the epoch)
     * that [from, to] touches are at most {@link #MAX_BUCKETS}.
     */
    public static Duration bucketWidth(Instant from, Instant to) {
        for (Duration width : WIDTHS) {
            long w = width.toMillis();
            if (Math.floorDiv(to.toEpochMilli(), w) - Math.floorDiv(from.toEpochMilli(), w) + 1 <= MAX_BUCKETS) {
                return width;
            }
        }
        return WIDTHS.get(WIDTHS.size() - 1);
    }

    /** The buckets of {@code arm}, oldest first. */
    public List<ArmBucket> of(String arm) {
        return buckets.stream().filter(b -> b.arm().equals(arm)).toList();
    }
}
