/**
 * Statistics for the A/B experiment report, in plain Java with no dependency.
 *
 * <p>Special functions: {@link org.movierec.core.stats.Gamma} (ln Γ, incomplete gamma),
 * {@link org.movierec.core.stats.Beta} (incomplete beta), and the distributions built on them,
 * {@link org.movierec.core.stats.Normal}, {@link org.movierec.core.stats.StudentT} and
 * {@link org.movierec.core.stats.ChiSquare}; each class states its formulas, sources and measured
 * accuracy.
 *
 * <p>Inference: {@link org.movierec.core.stats.SampleSummary} (n, mean, variance; from values, SQL
 * sums or moments), {@link org.movierec.core.stats.ConfidenceInterval} (mean and RMSE of one arm),
 * {@link org.movierec.core.stats.WelchTest} (squared errors of two arms),
 * {@link org.movierec.core.stats.ProportionTest} (watch-through rates, Wilson interval),
 * {@link org.movierec.core.stats.SampleRatioMismatch} (assignment health) and
 * {@link org.movierec.core.stats.SequentialTest} (mSPRT: a decision that stays valid under daily
 * looks).
 */
package org.movierec.core.stats;
