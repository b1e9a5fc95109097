package org.movierec.cli;

import java.io.PrintWriter;
import org.movierec.core.data.RatingScale;
import org.movierec.core.data.Ratings;
import org.movierec.core.train.SgdTrainer;
import org.movierec.core.train.TrainingParams;
import org.movierec.core.train.TrainingResult;

/**
 * Fits one model as the options of {@code train} and {@code evaluate} say: the hyperparameters, and
 * {@code --quiet}, which leaves out the one line an epoch on stderr.
 */
final class ModelFitter {

    private final TrainingParams params;
    private final boolean quiet;

    ModelFitter(TrainingParams params, boolean quiet) {
        this.params = params;
        this.quiet = quiet;
    }

    TrainingParams params() {
        return params;
    }

    /** Fits a model to {@code ratings}, with epoch progress on {@code err} unless --quiet. */
    TrainingResult fit(Ratings ratings, RatingScale scale, PrintWriter err) {
        return new SgdTrainer(params, scale, new Progress(err, quiet)).train(ratings);
    }
}
