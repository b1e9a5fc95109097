package org.movierec.router.report;

import java.time.Instant;
import java.util.List;
import org.movierec.router.stats.SampleRatioMismatch;
import org.movierec.router.experiments.Experiment;

/**
 * The report of an experiment for data scientists: per arm, between each arm and control, and the
 * sample-ratio-mismatch check of the users seen since the weights last changed.
 *
 * @param experiment the experiment
 * @param generatedAt when it was computed
 * @param arms one line per arm, in arm order
 * @param comparisons each non-control arm against control
 * @param srmUsers distinct users per arm since {@code experiment.weightsSince()}, in arm order
 * @param sampleRatioMismatch the chi-square check of {@code srmUsers} against the weights; null without users
 */
public record ExperimentReport(Experiment experiment, Instant generatedAt, List<ArmReport> arms,
        List<ArmComparison> comparisons, long[] srmUsers, SampleRatioMismatch sampleRatioMismatch) {
}
