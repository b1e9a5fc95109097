package org.movierec.cli.tune;

import java.util.List;
import org.movierec.core.data.RatingScale;
import org.movierec.core.data.Ratings;
import org.movierec.core.metrics.ErrorMetrics;
import org.movierec.core.metrics.ErrorSummary;
import org.movierec.core.split.Split;
import org.movierec.core.split.Splits;
import org.movierec.core.train.EpochListener;
import org.movierec.core.train.SgdTrainer;
import org.movierec.core.train.TrainingParams;
import org.movierec.core.train.TrainingResult;

/**
 * k-fold cross-validation of the SGD trainer: the ratings are cut by {@link Splits#kFold} into
 * {@code folds} random folds; for each, a model is trained on the other folds and its RMSE and MAE
 * measured on the held-out one. Folds run one after another; each training uses
 * {@code params.threads()}. The result depends only on the ratings, the parameters and the seed.
 */
public final class CrossValidation {

    private CrossValidation() {
    }

    /** Cross-validates {@code params} on a 1..5 scale; {@code seed} chooses the folds. */
    public static CvResult run(Ratings ratings, TrainingParams params, int folds, long seed) {
        return run(ratings, params, RatingScale.ONE_TO_FIVE, folds, seed);
    }

    /** Cross-validates {@code params}, clipping predictions to {@code scale}; {@code seed} chooses the folds. */
    public static CvResult run(Ratings ratings, TrainingParams params, RatingScale scale, int folds, long seed) {
        return run(Splits.kFold(ratings, folds, seed), params, scale);
    }

    /** Cross-validates {@code params} on folds made beforehand (so several candidates can share them). */
    public static CvResult run(List<Split> folds, TrainingParams params, RatingScale scale) {
        double[] rmse = new double[folds.size()];
        double[] mae = new double[folds.size()];
        double[] seconds = new double[folds.size()];
        SgdTrainer trainer = new SgdTrainer(params, scale, EpochListener.NONE);
        for (int f = 0; f < folds.size(); f++) {
            Split fold = folds.get(f);
            TrainingResult result = trainer.train(fold.train());
            ErrorSummary errors = ErrorMetrics.of(result.model(), fold.test());
            rmse[f] = errors.rmse();
            mae[f] = errors.mae();
            seconds[f] = result.seconds();
        }
        return new CvResult(params, rmse, mae, seconds);
    }
}
