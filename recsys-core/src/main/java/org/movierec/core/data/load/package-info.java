/**
 * Readers and writers for the MovieLens file formats: ratings ({@code u.data} of ML-100k,
 * {@code ratings.dat} of ML-1M/10M, {@code ratings.csv} of ML-latest/25M) and user demographics
 * ({@code u.user}, {@code users.dat}).
 *
 * <p>Loaders stream the file line by line (UTF-8, undecodable bytes replaced), validate every field,
 * and either fail on the first malformed line ({@link org.movierec.core.data.load.BadLinePolicy#FAIL})
 * or skip and count it by reason ({@link org.movierec.core.data.load.BadLinePolicy#SKIP}). What
 * happened is summarised in a {@link org.movierec.core.data.load.LoadReport}.
 */
package org.movierec.core.data.load;
