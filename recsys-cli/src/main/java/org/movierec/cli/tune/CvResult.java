package org.movierec.cli.tune;

import java.util.Arrays;
import java.util.Locale;
import org.movierec.core.train.TrainingParams;

/**
 * The outcome of k-fold cross-validation of one set of hyperparameters. Standard deviations are
 * sample standard deviations (divisor {@code k - 1}) over the folds.
 *
 * @param params           the hyperparameters trained with
 * @param foldRmse         held-out RMSE of each fold
 * @param foldMae          held-out MAE of each fold
 * @param foldTrainSeconds training wall time of each fold
 */
public record CvResult(TrainingParams params, double[] foldRmse, double[] foldMae, double[] foldTrainSeconds) {

    public CvResult {
        if (foldRmse.length != foldMae.length || foldRmse.length != foldTrainSeconds.length) {
            throw new IllegalArgumentException("per-fold arrays differ in length");
        }
        foldRmse = foldRmse.clone();
        foldMae = foldMae.clone();
        foldTrainSeconds = foldTrainSeconds.clone();
    }

    @Override
    public double[] foldRmse() {
        return foldRmse.clone();
    }

    @Override
    public double[] foldMae() {
        return foldMae.clone();
    }

    @Override
    public double[] foldTrainSeconds() {
        return foldTrainSeconds.clone();
    }

    public int folds() {
        return foldRmse.length;
    }

    public double meanRmse() {
        return mean(foldRmse);
    }

    public double stdRmse() {
        return std(foldRmse);
    }

    public double meanMae() {
        return mean(foldMae);
    }

    public double stdMae() {
        return std(foldMae);
    }

    public double meanTrainSeconds() {
        return mean(foldTrainSeconds);
    }

    private static double mean(double[] values) {
        return values.length == 0 ? Double.NaN : Arrays.stream(values).sum() / values.length;
    }

    private static double std(double[] values) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double mean = mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CvResult other && params.equals(other.params)
                && Arrays.equals(foldRmse, other.foldRmse) && Arrays.equals(foldMae, other.foldMae)
                && Arrays.equals(foldTrainSeconds, other.foldTrainSeconds);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * params.hashCode() + Arrays.hashCode(foldRmse)) + Arrays.hashCode(foldMae);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "CvResult[%d folds, RMSE %.4f ± %.4f, MAE %.4f ± %.4f, %.2f s/fold]",
                folds(), meanRmse(), stdRmse(), meanMae(), stdMae(), meanTrainSeconds());
    }
}
