package org.movierec.retrain.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * What the movie API says about a movie (the part the snapshot keeps).
 *
 * @param movieId     the id, a slug such as {@code the+matrix+1999} or a MovieLens integer
 * @param title       display title
 * @param genres      genres
 * @param releaseDate as given, e.g. {@code 1999-03-31}, or {@code unknown}
 * @param popularity  the API's popularity score, NaN when absent
 */
public record MovieInfo(String movieId, String title, List<String> genres, String releaseDate, double popularity) {

    public MovieInfo {
        Objects.requireNonNull(movieId, "movieId");
        title = UserProfile.clean(title);
        genres = genres == null ? List.of() : genres.stream().map(UserProfile::clean).toList();
        releaseDate = UserProfile.clean(releaseDate);
    }
}
