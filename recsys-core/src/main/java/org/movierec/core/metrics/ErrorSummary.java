package org.movierec.core.metrics;

/**
 * Prediction errors of a model on a set of ratings.
 *
 * @param count how many ratings were predicted
 * @param rmse  root mean squared error, NaN when {@code count} is 0
 * @param mae   mean absolute error, NaN when {@code count} is 0
 */
public record ErrorSummary(int count, double rmse, double mae) {
}
