package org.movierec.router.report;

import java.time.Instant;
import java.util.List;
import org.movierec.router.experiments.Experiment;
import org.movierec.router.stats.SampleRatioMismatch;

/**
 * The report of an experiment for data scientists, from one snapshot of the telemetry, by assignment.
 *
 * @param experiment the experiment
 * @param generatedAt when it was computed
 * @param from the start of the analysis: when the experiment went live
 * @param to the end: now, or when it ended
 * @param watchCutoff watch-through counts answers served before this
 * @param arms one line per arm, in arm order
 * @param comparisons each non-control arm against control
 * @param usersInSeveralArms users with rows in more than one arm (should be 0)
 * @param srmUsers distinct users per arm in the current weight period, in arm order
 * @param sampleRatioMismatch the check of {@code srmUsers} against the current weights; null without users
 * @param periods each weight period as its own comparison, oldest first
 * @param timeline the effects per time bucket, oldest first
 * @param buckets the per-arm request-level counts per time bucket the charts draw
 * @param settings what the analysis was computed with
 * @param notes what a reader must know to read it right
 */
public record ExperimentReport(Experiment experiment, Instant generatedAt, Instant from, Instant to,
        Instant watchCutoff, List<ArmReport> arms, List<ArmComparison> comparisons, long usersInSeveralArms,
        long[] srmUsers, SampleRatioMismatch sampleRatioMismatch, List<PeriodReport> periods,
        List<BucketReport> timeline, List<ArmBucket> buckets, ReportSettings settings, List<String> notes) {
}
