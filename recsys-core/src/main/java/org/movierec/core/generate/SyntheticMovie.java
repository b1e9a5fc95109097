package org.movierec.core.generate;

import java.util.List;

/**
 * A generated movie.
 *
 * @param id             external id: an integer string, or a slug such as {@code silent+river+1994}
 * @param title          display title with year, e.g. {@code Silent River (1994)}
 * @param year           release year
 * @param genres         genres, driven by the movie's strongest latent dimensions
 * @param popularityRank 0 for the most popular movie
 */
public record SyntheticMovie(String id, String title, int year, List<String> genres, int popularityRank) {
}
