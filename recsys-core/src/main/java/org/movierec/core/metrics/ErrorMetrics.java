package org.movierec.core.metrics;

import org.movierec.core.data.Ratings;
import org.movierec.core.model.SvdModel;

/**
 * Rating-prediction errors (RMSE, MAE) of a model on held-out ratings.
 *
 * <p>Predictions are the model's clipped predictions. A test user or item is matched to the model by
 * external id: when the model knows both, {@link SvdModel#predict(int, int)} is used; when it lacks
 * either (a user or movie that appeared after training), {@link SvdModel#predict(String, String)}
 * answers with the biases it does know, so such ratings are counted, not skipped.
 */
public final class ErrorMetrics {

    private ErrorMetrics() {
    }

    /** Root mean squared error of {@code model} on {@code test}; NaN for an empty test set. */
    public static double rmse(SvdModel model, Ratings test) {
        return of(model, test).rmse();
    }

    /** Mean absolute error of {@code model} on {@code test}; NaN for an empty test set. */
    public static double mae(SvdModel model, Ratings test) {
        return of(model, test).mae();
    }

    /** Count, RMSE and MAE of {@code model} on {@code test}, in one pass over the ratings. */
    public static ErrorSummary of(SvdModel model, Ratings test) {
        int[] userToModel = ModelIndexMap.toModel(test.users(), model.users());
        int[] itemToModel = ModelIndexMap.toModel(test.items(), model.items());
        double squaredSum = 0;
        double absoluteSum = 0;
        int n = test.size();
        for (int r = 0; r < n; r++) {
            int user = userToModel[test.user(r)];
            int item = itemToModel[test.item(r)];
            double predicted = user >= 0 && item >= 0
                    ? model.predict(user, item)
                    : model.predict(test.users().idAt(test.user(r)), test.items().idAt(test.item(r)));
            double error = test.value(r) - predicted;
            squaredSum += error * error;
            absoluteSum += Math.abs(error);
        }
        return summary(n, squaredSum, absoluteSum);
    }

    /** Root mean squared error between two arrays of equal length; NaN when both are empty. */
    public static double rmse(double[] actual, double[] predicted) {
        return of(actual, predicted).rmse();
    }

    /** Mean absolute error between two arrays of equal length; NaN when both are empty. */
    public static double mae(double[] actual, double[] predicted) {
        return of(actual, predicted).mae();
    }

    /** Count, RMSE and MAE between two arrays of equal length. */
    public static ErrorSummary of(double[] actual, double[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("actual has " + actual.length + " values, predicted "
                    + predicted.length);
        }
        double squaredSum = 0;
        double absoluteSum = 0;
        for (int j = 0; j < actual.length; j++) {
            double error = actual[j] - predicted[j];
            squaredSum += error * error;
            absoluteSum += Math.abs(error);
        }
        return summary(actual.length, squaredSum, absoluteSum);
    }

    private static ErrorSummary summary(int count, double squaredSum, double absoluteSum) {
        if (count == 0) {
            return new ErrorSummary(0, Double.NaN, Double.NaN);
        }
        return new ErrorSummary(count, Math.sqrt(squaredSum / count), absoluteSum / count);
    }
}
