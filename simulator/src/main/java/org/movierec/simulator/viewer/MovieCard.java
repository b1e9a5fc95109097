package org.movierec.simulator.viewer;

import java.util.List;
import org.movierec.simulator.catalog.Movie;

/**
 * A recommendation as the app shows it: the movie API's fields a person chooses by (no poster).
 *
 * @param movieId    the slug id
 * @param title      the title without the year
 * @param year       the release year
 * @param genres     MovieLens genres
 * @param popularity the TMDB-style popularity of {@code GET /movie/{id}}
 * @param runtime    minutes; a watch streams this many
 */
public record MovieCard(String movieId, String title, int year, List<String> genres, double popularity, int runtime) {

    static MovieCard of(Movie m) {
        return new MovieCard(m.id(), m.title(), m.releaseDate().getYear(), m.genres(), m.popularity(), m.runtime());
    }
}
