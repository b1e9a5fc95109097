package org.movierec.router.report;

import java.time.Instant;
import org.movierec.router.stats.ConfidenceInterval;
import org.movierec.router.stats.WilsonInterval;
import org.movierec.router.stats.SampleSummary;

/**
 * What the telemetry tables hold about one arm in one time bucket: the answers and their watches, and
 * the squared errors of the rated predictions, so the bucket's online RMSE and watch-through come with
 * the same intervals as the report's whole-experiment figures.
 *
 * @param arm the arm
 * @param start the bucket's start (a multiple of its width since the epoch)
 * @param answered answers with status 200
 * @param watched answers followed by a watch of one of their movies
 * @param squaredErrors the squared online prediction errors of the bucket's ratings
 */
public record ArmBucket(String arm, Instant start, long answered, long watched, SampleSummary squaredErrors) {

    /** √(mean squared error), NaN without ratings. */
    public double rmse() {
        return squaredErrors.count() == 0 ? Double.NaN : Math.sqrt(squaredErrors.mean());
    }

    /** The 95 % interval of the RMSE ({@link ConfidenceInterval#ofRmse}), null with fewer than 2 ratings. */
    public ConfidenceInterval rmseInterval() {
        return squaredErrors.count() < 2 ? null
                : ConfidenceInterval.ofRmse(squaredErrors, ConfidenceInterval.DEFAULT_CONFIDENCE);
    }

    /** watched / answered, NaN without answers. */
    public double watchThroughRate() {
        return answered == 0 ? Double.NaN : (double) watched / answered;
    }

    /** The 95 % Wilson interval of the watch-through rate, null without answers. */
    public ConfidenceInterval watchThroughInterval() {
        return answered == 0 ? null
                : WilsonInterval.of(watched, answered, ConfidenceInterval.DEFAULT_CONFIDENCE);
    }
}
