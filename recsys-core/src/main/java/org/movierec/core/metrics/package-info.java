/**
 * Offline quality of a model: rating-prediction errors ({@link org.movierec.core.metrics.ErrorMetrics})
 * and full-catalog top-k ranking metrics ({@link org.movierec.core.metrics.RankingMetrics}).
 */
package org.movierec.core.metrics;
