package org.movierec.simulator.catalog;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.movierec.core.generate.SyntheticMovie;
import org.movierec.core.random.Randoms;

/**
 * Derives the metadata the generator does not make (release date, popularity, votes, runtime,
 * language) from a generated movie, its true quality and the seed: plausible, and the same for the
 * same seed. Each movie draws from its own random stream, so one movie's values do not depend on
 * how many movies there are.
 */
final class MovieDetails {

    private static final String[] OTHER_LANGUAGES = {"fr", "es", "de", "it", "ja", "ko", "zh", "hi", "sv", "ru", "pt", "da"};

    private MovieDetails() {
    }

    /**
     * @param movie      the generated movie
     * @param index      its index in the catalog
     * @param trueMean   its true mean rating on the 1..5 scale (global mean plus its bias)
     * @param seed       the world's seed
     */
    static Movie derive(SyntheticMovie movie, int index, double trueMean, long seed) {
        SplittableRandom random = new SplittableRandom(mix(seed, index));
        LocalDate release = LocalDate.of(movie.year(), 1, 1).plusDays(random.nextInt(365));
        double rank = movie.popularityRank() + 1.0;
        double popularity = round(60.0 * Math.pow(rank, -0.55) * (0.8 + 0.4 * random.nextDouble()), 3);
        int voteCount = (int) Math.max(3, Math.round(25_000.0 * Math.pow(rank, -0.9) * (0.7 + 0.6 * random.nextDouble())));
        double voteAverage = round(Math.max(1.0, Math.min(10.0, 2.0 * trueMean + 0.3 * Randoms.gaussian(random))), 1);
        int runtime = (int) Math.max(70, Math.min(210, Math.round(108 + 20 * Randoms.gaussian(random))));
        String language = random.nextDouble() < 0.8 ? "en" : OTHER_LANGUAGES[random.nextInt(OTHER_LANGUAGES.length)];
        return new Movie(movie.id(), titleWithoutYear(movie.title()), movie.genres(), release, popularity,
                voteAverage, voteCount, runtime, language, movie.popularityRank());
    }

    /** {@code Silent River (1994)} without {@code  (1994)}. */
    static String titleWithoutYear(String title) {
        int open = title.lastIndexOf(" (");
        return open > 0 && title.endsWith(")") ? title.substring(0, open) : title;
    }

    private static long mix(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + index + 1;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
