package org.movierec.simulator.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.movierec.core.data.RatingScale;
import org.movierec.core.generate.GeneratedData;
import org.movierec.core.generate.GeneratorConfig;
import org.movierec.core.generate.SyntheticDataGenerator;
import org.movierec.core.generate.SyntheticMovie;
import org.movierec.core.generate.SyntheticUser;
import org.movierec.core.ids.IdIndex;
import org.movierec.core.model.SvdModel;

/**
 * The simulated world: users with demographics and true latent tastes, movies with metadata, and
 * the true model behind every rating, all from the {@code recsys-core} generator and a seed (the same
 * spec gives the same world). It also holds the generator's sampled ratings, which the bootstrap
 * history writes. User ids are {@code 1..users}; movie ids are slugs. Immutable and thread-safe.
 */
public final class World {

    private final WorldSpec spec;
    private final GeneratedData data;
    private final List<Movie> movies;
    private final double[] cumulativePopularity;
    private final boolean[] nonRater;

    private World(WorldSpec spec, GeneratedData data, List<Movie> movies, double[] cumulativePopularity,
                  boolean[] nonRater) {
        this.spec = spec;
        this.data = data;
        this.movies = movies;
        this.cumulativePopularity = cumulativePopularity;
        this.nonRater = nonRater;
    }

    /** Builds the world of {@code spec}. */
    public static World build(WorldSpec spec) {
        GeneratorConfig config = GeneratorConfig.of(spec.users(), spec.movies(), spec.ratings(), spec.seed())
                .withSlugIds(true)
                .withNoiseStd(spec.noiseStd())
                .withSelectionTilt(spec.selectionTilt())
                .withTime(GeneratorConfig.DEFAULT_START, spec.days());
        GeneratedData data = SyntheticDataGenerator.generate(config);
        SvdModel truth = data.trueModel();
        List<Movie> movies = new ArrayList<>(data.movies().size());
        double[] cumulative = new double[data.movies().size()];
        double sum = 0;
        for (int i = 0; i < data.movies().size(); i++) {
            SyntheticMovie m = data.movies().get(i);
            movies.add(MovieDetails.derive(m, i, truth.globalMean() + truth.itemBias()[i], spec.seed()));
            sum += Math.pow(m.popularityRank() + 1.0, -config.popularitySkew());
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
        boolean[] nonRater = new boolean[spec.users()];
        SplittableRandom raters = new SplittableRandom(spec.seed() ^ 0x4E4F_4E52_4154_4552L);
        for (int u = 0; u < nonRater.length; u++) {
            nonRater[u] = raters.nextDouble() < spec.nonRaterFraction();
        }
        return new World(spec, data, List.copyOf(movies), cumulative, nonRater);
    }

    /**
     * Whether user {@code index} ever rates ({@link WorldSpec#nonRaterFraction}): a non-rater's history and sessions
     * have watches only.
     */
    public boolean rates(int index) {
        return !nonRater[index];
    }

    public WorldSpec spec() {
        return spec;
    }

    /** What the generator made: users, movies, true model, and the sampled ratings (times from {@link GeneratorConfig#DEFAULT_START}). */
    public GeneratedData data() {
        return data;
    }

    public int userCount() {
        return data.users().size();
    }

    public int movieCount() {
        return movies.size();
    }

    /** The user at {@code index} ({@code 0..userCount-1}); its id is {@code index + 1}. */
    public SyntheticUser user(int index) {
        return data.users().get(index);
    }

    /** The index of user {@code id}, or {@link IdIndex#ABSENT} if there is no such user. */
    public int userIndex(long id) {
        return id >= 1 && id <= userCount() ? (int) (id - 1) : IdIndex.ABSENT;
    }

    /** The user id of index {@code index}. */
    public long userId(int index) {
        return index + 1L;
    }

    public Movie movie(int index) {
        return movies.get(index);
    }

    public List<Movie> movies() {
        return movies;
    }

    /** The index of movie {@code id}, or {@link IdIndex#ABSENT} if there is no such movie. */
    public int movieIndex(String id) {
        return data.trueModel().items().indexOf(id);
    }

    /** The rating scale. */
    public RatingScale scale() {
        return data.config().scale();
    }

    /** The noise users add to their true rating when they rate. */
    public double noiseStd() {
        return data.config().noiseStd();
    }

    /** User {@code user}'s true affinity for movie {@code movie}: the true model's score, clipped to the scale. */
    public double trueRating(int user, int movie) {
        return scale().clip(data.trueModel().rawScore(user, movie));
    }

    /** A movie drawn by popularity (the generator's Zipf law), as a browsing user finds one. */
    public int samplePopularMovie(SplittableRandom random) {
        int at = Arrays.binarySearch(cumulativePopularity, random.nextDouble());
        return Math.min(at >= 0 ? at : -at - 1, cumulativePopularity.length - 1);
    }
}
