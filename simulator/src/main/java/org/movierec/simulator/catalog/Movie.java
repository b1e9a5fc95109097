package org.movierec.simulator.catalog;

import java.time.LocalDate;
import java.util.List;

/**
 * A movie of the simulated catalog, as the streaming service's movie API describes it.
 *
 * @param id               slug id, e.g. {@code silent+river+1994}
 * @param title            display title without the year, e.g. {@code Silent River}
 * @param genres           MovieLens genres
 * @param releaseDate      release date (in the movie's year)
 * @param popularity       a TMDB-style popularity score, higher for more popular movies
 * @param voteAverage      mean vote on a 0..10 scale, from the movie's true quality
 * @param voteCount        number of votes, higher for more popular movies
 * @param runtime          length in minutes; a full watch is this many minutes
 * @param originalLanguage ISO 639-1 code
 * @param popularityRank   0 for the most popular movie
 */
public record Movie(String id, String title, List<String> genres, LocalDate releaseDate, double popularity,
                    double voteAverage, int voteCount, int runtime, String originalLanguage, int popularityRank) {
}
