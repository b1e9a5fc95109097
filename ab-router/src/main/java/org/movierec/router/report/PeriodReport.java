package org.movierec.router.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.movierec.router.stats.SampleRatioMismatch;

/**
 * One weight period as its own comparison: its users against its weights, and each arm's effects in it.
 *
 * @param since when its weights took effect
 * @param from its start within the analysis window
 * @param to its end
 * @param weights percent by arm
 * @param users distinct users per arm, in arm order
 * @param sampleRatioMismatch the check of {@code users} against {@code weights}, null without users
 * @param effects per non-control arm: watch-through and RMSE against control in this period
 */
public record PeriodReport(Instant since, Instant from, Instant to, Map<String, Integer> weights, long[] users,
        SampleRatioMismatch sampleRatioMismatch, Map<String, List<Effect>> effects) {
}
