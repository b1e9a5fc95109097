package org.movierec.simulator.catalog;

/**
 * What world to build.
 *
 * @param seed     the seed of everything random in it
 * @param users    number of users
 * @param movies   number of movies
 * @param noiseStd noise users add to their true rating
 * @param ratings  ratings the generator samples for the bootstrap history
 * @param days     days those ratings span
 * @param nonRaterFraction share of users who watch but never rate (in the history and in live sessions), drawn
 *                 with the seed: most users of a streaming service never rate, and a model should learn from
 *                 what they watch
 * @param selectionTilt how much users choose the movies of their history by taste (the generator's
 *                 {@code selectionTilt}: weight {@code popularity · exp(tilt · standardised affinity)}); 0 = by
 *                 popularity alone, so what a user watched says nothing of their taste
 */
public record WorldSpec(long seed, int users, int movies, double noiseStd, int ratings, int days,
                        double nonRaterFraction, double selectionTilt) {

    /** The most bootstrap ratings. */
    public static final int MAX_RATINGS = 10_000_000;

    public WorldSpec {
        if (users < 1 || movies < 2) {
            throw new IllegalArgumentException("simulator.users must be >= 1 and simulator.movies >= 2, got "
                    + users + " and " + movies);
        }
        if (!(noiseStd >= 0) || noiseStd > 5) {
            throw new IllegalArgumentException("simulator.noise-std must be in 0..5, got " + noiseStd);
        }
        long most = Math.min(MAX_RATINGS, (long) users * movies / 2);
        if (ratings < users || ratings > most) {
            throw new IllegalArgumentException("simulator.bootstrap.ratings must be in " + users + ".." + most
                    + " (at least one per user, at most half of users x movies and " + MAX_RATINGS + "), got " + ratings);
        }
        if (days < 1 || days > 3650) {
            throw new IllegalArgumentException("simulator.bootstrap.days must be in 1..3650, got " + days);
        }
        if (!(nonRaterFraction >= 0 && nonRaterFraction < 1)) {
            throw new IllegalArgumentException("simulator.non-rater-fraction must be in [0,1), got " + nonRaterFraction);
        }
        if (!(selectionTilt >= 0 && selectionTilt <= 10)) {
            throw new IllegalArgumentException("simulator.selection-tilt must be in 0..10, got " + selectionTilt);
        }
    }

    /** A world where every user rates and the history's movies are chosen by popularity alone. */
    public WorldSpec(long seed, int users, int movies, double noiseStd, int ratings, int days) {
        this(seed, users, movies, noiseStd, ratings, days, 0, 0);
    }
}
