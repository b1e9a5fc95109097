package org.movierec.contracts.events;

import org.movierec.core.data.RatingScale;

/**
 * What {@link MovielogParser} accepts beyond the fixed grammar.
 *
 * @param ratingScale the ratings accepted (whole numbers within it); 1..5 by default, 1..10 in newer streams
 * @param maxLineLength the longest line accepted, in chars
 * @param maxMovieIdLength the longest movie id accepted, in chars
 * @param movieIdCharset the characters a movie id may hold
 * @param maxResults the most movie ids a recommendation request may list
 * @param maxMinute the largest minute of a watch accepted
 */
public record MovielogParserConfig(RatingScale ratingScale, int maxLineLength, int maxMovieIdLength,
        MovieIdCharset movieIdCharset, int maxResults, int maxMinute) {

    /** Lines up to 4096 chars, 1..5 ratings, ids up to 256 chars of {@link MovieIdCharset#DEFAULT}, 100 results, minutes up to 100,000. */
    public static final MovielogParserConfig DEFAULT =
            new MovielogParserConfig(RatingScale.ONE_TO_FIVE, 4096, 256, MovieIdCharset.DEFAULT, 100, 100_000);

    public MovielogParserConfig {
        if (ratingScale == null || movieIdCharset == null) {
            throw new IllegalArgumentException("rating scale and movie id charset are required");
        }
        if (maxLineLength < 1 || maxMovieIdLength < 1 || maxResults < 0 || maxMinute < 0) {
            throw new IllegalArgumentException("limits must be positive (maxResults and maxMinute may be 0): " + maxLineLength
                    + ", " + maxMovieIdLength + ", " + maxResults + ", " + maxMinute);
        }
    }

    /** This configuration with another rating scale, e.g. {@code new RatingScale(1, 10)}. */
    public MovielogParserConfig withRatingScale(RatingScale scale) {
        return new MovielogParserConfig(scale, maxLineLength, maxMovieIdLength, movieIdCharset, maxResults, maxMinute);
    }

    /** This configuration with another longest line. */
    public MovielogParserConfig withMaxLineLength(int chars) {
        return new MovielogParserConfig(ratingScale, chars, maxMovieIdLength, movieIdCharset, maxResults, maxMinute);
    }

    /** This configuration with another longest movie id. */
    public MovielogParserConfig withMaxMovieIdLength(int chars) {
        return new MovielogParserConfig(ratingScale, maxLineLength, chars, movieIdCharset, maxResults, maxMinute);
    }

    /** This configuration with another movie id charset. */
    public MovielogParserConfig withMovieIdCharset(MovieIdCharset charset) {
        return new MovielogParserConfig(ratingScale, maxLineLength, maxMovieIdLength, charset, maxResults, maxMinute);
    }

    /** This configuration with another largest number of results. */
    public MovielogParserConfig withMaxResults(int count) {
        return new MovielogParserConfig(ratingScale, maxLineLength, maxMovieIdLength, movieIdCharset, count, maxMinute);
    }

    /** This configuration with another largest minute. */
    public MovielogParserConfig withMaxMinute(int minute) {
        return new MovielogParserConfig(ratingScale, maxLineLength, maxMovieIdLength, movieIdCharset, maxResults, minute);
    }
}
