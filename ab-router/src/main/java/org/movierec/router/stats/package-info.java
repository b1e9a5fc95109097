/**
 * Statistics for the A/B experiment report, in plain Java with no dependency.
 *
 * <p>Special functions: {@link org.movierec.router.stats.Gamma} (ln Γ, incomplete gamma),
 * {@link org.movierec.router.stats.Beta} (incomplete beta), and the distributions built on them,
 * {@link org.movierec.router.stats.Normal}, {@link org.movierec.router.stats.StudentT} and
 * {@link org.movierec.router.stats.ChiSquare}; each class states its formulas, sources and measured
 * accuracy.
 *
 * <p>Inference: {@link org.movierec.router.stats.SampleSummary} (n, mean, variance; from values, SQL
 * sums or moments), {@link org.movierec.router.stats.ConfidenceInterval} (mean and RMSE of one arm),
 * {@link org.movierec.router.stats.WelchTest} (squared errors of two arms),
 * {@link org.movierec.router.stats.ProportionTest} (watch-through rates, Wilson interval),
 * {@link org.movierec.router.stats.SampleRatioMismatch} (assignment health) and
 * {@link org.movierec.router.stats.SequentialTest} (mSPRT: a decision that stays valid under daily
 * looks).
 */
package org.movierec.router.stats;
