/**
 * Train/test splits of a ratings table: random, k-fold, by time and leave-last-n per user; see
 * {@link org.movierec.core.split.Splits} for which to use when.
 */
package org.movierec.core.split;
