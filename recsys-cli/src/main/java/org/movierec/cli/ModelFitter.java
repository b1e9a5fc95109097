package org.movierec.cli;

import java.io.PrintStream;
import java.util.Set;
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

    /** The options of those commands that take no value: the data option --skip-bad-lines, and --quiet. */
    static final Set<String> FLAGS = Set.of("skip-bad-lines", "quiet");

    private final TrainingParams params;
    private final boolean quiet;

    /** Reads the hyperparameters and --quiet from {@code a}. */
    ModelFitter(Args a) {
        this.params = Hyperparameters.from(a);
        this.quiet = a.flag("quiet");
    }

    TrainingParams params() {
        return params;
    }

    /** Fits a model to {@code ratings}, with epoch progress on {@code err} unless --quiet. */
    TrainingResult fit(Ratings ratings, RatingScale scale, PrintStream err) {
        return new SgdTrainer(params, scale, new Progress(err, quiet)).train(ratings);
    }
}
