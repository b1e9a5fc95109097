package org.movierec.cli.tune;

import java.util.Locale;
import org.movierec.core.train.TrainingParams;

/**
 * One candidate of a hyperparameter search and how it scored.
 *
 * @param number  0-based position in the order the candidates were generated
 * @param params  the candidate's training parameters
 * @param cv      its cross-validation result, null when training failed
 * @param failure why training failed (for example divergence at too high a learning rate), null when it did not
 */
public record Trial(int number, TrainingParams params, CvResult cv, String failure) {

    public Trial {
        if ((cv == null) == (failure == null)) {
            throw new IllegalArgumentException("a trial has either a result or a failure");
        }
    }

    public boolean failed() {
        return cv == null;
    }

    /** The cross-validated mean RMSE it is ranked by; NaN for a failed trial, which ranks last. */
    public double meanRmse() {
        return cv == null ? Double.NaN : cv.meanRmse();
    }

    @Override
    public String toString() {
        String outcome = cv == null ? "failed: " + failure
                : String.format(Locale.ROOT, "RMSE %.4f ± %.4f", cv.meanRmse(), cv.stdRmse());
        return String.format(Locale.ROOT, "Trial %d [factors=%d, lr=%.4g, reg=%.4g, epochs=%d] %s", number,
                params.factors(), params.learningRate(), params.regularization(), params.maxEpochs(), outcome);
    }
}
