package org.movierec.core.generate;

import org.movierec.core.data.RatingScale;

/**
 * What the synthetic data generator makes.
 *
 * @param users              number of users
 * @param movies             number of movies
 * @param ratings            number of distinct (user, movie) ratings to write
 * @param rank               rank of the true latent factors
 * @param noiseStd           standard deviation of the Gaussian noise added before rounding
 * @param groupEffect        strength of the demographic effect: each gender, age band and occupation
 *                           shifts its members' bias and tastes by this many standard units (0 = none)
 * @param popularitySkew     Zipf exponent of movie popularity (0 = uniform; ~1 like MovieLens)
 * @param activitySkew       Zipf exponent of user activity (0 = uniform)
 * @param slugIds            movie ids as slugs ({@code silent+river+1994}) instead of integers
 * @param startEpochSeconds  first rating time
 * @param days               ratings are spread over this many days
 * @param scale              rating scale; ratings are rounded to whole steps of it
 * @param seed               seed; the same config gives the same data
 * @param selectionTilt      the implicit effect: users pick the movies they rate and watch with probability
 *                           proportional to {@code popularity · exp(β·z)}, {@code z = p_u·q_i / sd(p·q)} their
 *                           standardised true affinity, so which movies a user chose says something about
 *                           their taste (MovieLens raters chose their movies too); 0 = by popularity alone
 * @param watchesPerUser     movies each user also watches without rating them (at most the unrated
 *                           movies), chosen by the same law; 0 = none
 */
public record GeneratorConfig(int users, int movies, int ratings, int rank, double noiseStd,
                              double groupEffect, double popularitySkew, double activitySkew,
                              boolean slugIds, long startEpochSeconds, int days, RatingScale scale,
                              long seed, double selectionTilt, int watchesPerUser) {

    /** 2025-01-01T00:00:00Z */
    public static final long DEFAULT_START = 1_735_689_600L;

    public static GeneratorConfig of(int users, int movies, int ratings, long seed) {
        return new GeneratorConfig(users, movies, ratings, 8, 0.85, 0.3, 0.9, 0.7, false,
                DEFAULT_START, 60, RatingScale.ONE_TO_FIVE, seed, 0, 0);
    }

    public GeneratorConfig {
        if (users < 1 || movies < 1) {
            throw new IllegalArgumentException("users and movies must be >= 1");
        }
        if (ratings < 1 || (long) ratings > (long) users * movies / 2) {
            throw new IllegalArgumentException("ratings must be in 1.." + ((long) users * movies / 2)
                    + " (at most half of users x movies), got " + ratings);
        }
        if (rank < 1 || rank > 512) {
            throw new IllegalArgumentException("rank must be in 1..512, got " + rank);
        }
        if (noiseStd < 0 || groupEffect < 0 || popularitySkew < 0 || activitySkew < 0 || days < 1) {
            throw new IllegalArgumentException("noise, group effect, skews must be >= 0 and days >= 1");
        }
        if (!(selectionTilt >= 0 && selectionTilt <= 10) || watchesPerUser < 0) {
            throw new IllegalArgumentException("selection tilt must be in 0..10 and watches per user >= 0");
        }
    }

    public GeneratorConfig withRank(int v) {
        return new GeneratorConfig(users, movies, ratings, v, noiseStd, groupEffect, popularitySkew, activitySkew, slugIds, startEpochSeconds, days, scale, seed, selectionTilt, watchesPerUser);
    }

    public GeneratorConfig withNoiseStd(double v) {
        return new GeneratorConfig(users, movies, ratings, rank, v, groupEffect, popularitySkew, activitySkew, slugIds, startEpochSeconds, days, scale, seed, selectionTilt, watchesPerUser);
    }

    public GeneratorConfig withGroupEffect(double v) {
        return new GeneratorConfig(users, movies, ratings, rank, noiseStd, v, popularitySkew, activitySkew, slugIds, startEpochSeconds, days, scale, seed, selectionTilt, watchesPerUser);
    }

    public GeneratorConfig withSlugIds(boolean v) {
        return new GeneratorConfig(users, movies, ratings, rank, noiseStd, groupEffect, popularitySkew, activitySkew, v, startEpochSeconds, days, scale, seed, selectionTilt, watchesPerUser);
    }

    public GeneratorConfig withTime(long start, int spanDays) {
        return new GeneratorConfig(users, movies, ratings, rank, noiseStd, groupEffect, popularitySkew, activitySkew, slugIds, start, spanDays, scale, seed, selectionTilt, watchesPerUser);
    }

    public GeneratorConfig withScale(RatingScale v) {
        return new GeneratorConfig(users, movies, ratings, rank, noiseStd, groupEffect, popularitySkew, activitySkew, slugIds, startEpochSeconds, days, v, seed, selectionTilt, watchesPerUser);
    }

    public GeneratorConfig withSelectionTilt(double v) {
        return new GeneratorConfig(users, movies, ratings, rank, noiseStd, groupEffect, popularitySkew, activitySkew, slugIds, startEpochSeconds, days, scale, seed, v, watchesPerUser);
    }

    public GeneratorConfig withWatchesPerUser(int v) {
        return new GeneratorConfig(users, movies, ratings, rank, noiseStd, groupEffect, popularitySkew, activitySkew, slugIds, startEpochSeconds, days, scale, seed, selectionTilt, v);
    }
}
