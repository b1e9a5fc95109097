/**
 * Statistics for the A/B experiment report.
 *
 * <p>Distributions (normal, Student's t, chi-square) come from Apache Commons Statistics
 * ({@code commons-statistics-distribution}; the standard normal's forms in
 * {@link org.movierec.router.stats.StandardNormal}); its values are pinned to
 * mpmath references in {@code DistributionReferenceTest}. What is ours is what the library does not do
 * the way the report needs: the intervals, the constant-sample and zero-weight edge cases, the Wilson
 * interval, the sample-ratio-mismatch rules and mSPRT.
 *
 * <p>Inference: {@link org.movierec.router.stats.SampleSummary} (n, mean, variance; from values, SQL
 * sums or moments), {@link org.movierec.router.stats.ConfidenceInterval} (mean and RMSE of one arm),
 * {@link org.movierec.router.stats.WilsonInterval} (a rate's interval),
 * {@link org.movierec.router.stats.SampleRatioMismatch} (assignment health) and
 * {@link org.movierec.router.stats.SequentialTest} (mSPRT: a decision that stays valid under daily
 * looks).
 *
 * <p>Experiment analysis with the user as the randomisation unit (issue 15; reference values from
 * statsmodels, numpy and sympy on raw rows in {@code src/test/python/experiment_analysis_reference.py}):
 * {@link org.movierec.router.stats.UserTotals} (a ratio metric's per-user sums, its delta-method
 * user-clustered variance and the design effect), {@link org.movierec.router.stats.RelativeEffect}
 * (lift and relative RMSE change with delta-method intervals), {@link org.movierec.router.stats.Cuped}
 * (variance reduction with a pre-experiment covariate), {@link org.movierec.router.stats.PowerAnalysis}
 * (minimum detectable effect, sample size per arm) and {@link org.movierec.router.stats.PairedComparison}
 * over {@link org.movierec.router.stats.PairedTotals} (both models scored on the same ratings).
 */
package org.movierec.router.stats;
