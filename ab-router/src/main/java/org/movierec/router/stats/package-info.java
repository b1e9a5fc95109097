/**
 * Statistics for the A/B experiment report.
 *
 * <p>Distributions (normal, Student's t, chi-square) and Welch's t statistic come from Apache Commons
 * Statistics ({@code commons-statistics-distribution}, {@code -inference}); its values are pinned to
 * mpmath references in {@code DistributionReferenceTest}. What is ours is what the library does not do
 * the way the report needs: the intervals, the constant-sample and zero-weight edge cases, the Wilson
 * interval, the sample-ratio-mismatch rules and mSPRT.
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
