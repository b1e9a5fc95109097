package org.movierec.simulator.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.movierec.simulator.catalog.Movie;

/**
 * A movie as {@code GET /movie/{id}} describes it, TMDB style:
 * {@code {"movie_id":"silent+river+1994","title":"Silent River","genres":["Drama"],"release_date":"1994-03-31",
 * "popularity":12.3,"vote_average":7.9,"vote_count":1234,"runtime":136,"original_language":"en"}}.
 */
public record MovieJson(@JsonProperty("movie_id") String movieId,
                        String title,
                        List<String> genres,
                        @JsonProperty("release_date") String releaseDate,
                        double popularity,
                        @JsonProperty("vote_average") double voteAverage,
                        @JsonProperty("vote_count") int voteCount,
                        int runtime,
                        @JsonProperty("original_language") String originalLanguage) {

    static MovieJson of(Movie m) {
        return new MovieJson(m.id(), m.title(), m.genres(), m.releaseDate().toString(), m.popularity(), m.voteAverage(),
                m.voteCount(), m.runtime(), m.originalLanguage());
    }
}
