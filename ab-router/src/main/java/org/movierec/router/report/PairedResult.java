package org.movierec.router.report;

import org.movierec.router.stats.PairedComparison;

/**
 * The paired comparison of an arm's model with control's on the same ratings: every rating of the experiment's
 * users (both arms) predicted by both versions, so the models are compared on identical items, free of the bias of
 * each arm's users rating what its own lists showed them.
 *
 * @param comparison the statistics (fixed-horizon), null without enough data
 * @param alwaysValid the stored sequential test on the paired MSE difference, null before the first look
 * @param alpha its level
 * @param ratings ratings predicted by both versions
 * @param verdict in words
 */
public record PairedResult(PairedComparison comparison, SequentialLooks.Summary alwaysValid, double alpha,
        long ratings, String verdict) {

    /** Whether the stored always-valid p-value is below α. */
    public boolean significant() {
        return alwaysValid != null && alwaysValid.pValue() < alpha;
    }
}
