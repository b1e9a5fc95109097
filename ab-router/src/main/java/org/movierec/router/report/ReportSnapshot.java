package org.movierec.router.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.movierec.router.stats.PairedTotals;
import org.movierec.router.stats.UserTotals;

/**
 * What one report read from the telemetry database, all of it in one snapshot ({@link ReportQueries}), by
 * assignment (intention-to-treat).
 *
 * @param from when the experiment went live (the analysis counts from here)
 * @param to the end of the analysis window: now, or when the experiment ended
 * @param watchCutoff answers served after this are left out of watch-through (the window has not closed on them)
 * @param arms per arm: users, requests, errors, fallbacks, what the client waited, online squared errors
 * @param exposure per arm: answers by another version than the arm's
 * @param usersInSeveralArms users with rows in more than one arm (0 when every event names the assigned arm)
 * @param watchThrough per arm, per-user watched / answered sums with the pre-period covariate (CUPED)
 * @param errorRate per arm, per-user failed attempts / attempts sums
 * @param squaredErrors per arm, per-user Σ squared error / rated predictions sums
 * @param paired per non-control arm, both arms' versions' squared errors on the same ratings, per-user sums
 * @param periods one entry per weight period that overlaps the window, oldest first
 * @param buckets per time bucket, the per-arm user totals (watch-through, squared errors), oldest first
 * @param timeline per arm and time bucket, the request-level counts the charts draw
 */
public record ReportSnapshot(Instant from, Instant to, Instant watchCutoff, Map<String, ArmTelemetry> arms,
        Map<String, ArmExposure> exposure, long usersInSeveralArms, Map<String, UserTotals> watchThrough,
        Map<String, UserTotals> errorRate, Map<String, UserTotals> squaredErrors, Map<String, PairedTotals> paired,
        List<PeriodSnapshot> periods, List<BucketSnapshot> buckets, List<ArmBucket> timeline) {

    public ReportSnapshot {
        periods = List.copyOf(periods);
        buckets = List.copyOf(buckets);
        timeline = List.copyOf(timeline);
    }
}
