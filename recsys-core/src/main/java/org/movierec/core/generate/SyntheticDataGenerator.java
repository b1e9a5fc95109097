package org.movierec.core.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.movierec.core.data.ImplicitFeedback;
import org.movierec.core.data.RatingScale;
import org.movierec.core.data.Ratings;
import org.movierec.core.ids.IdIndex;
import org.movierec.core.model.SvdModel;
import org.movierec.core.random.Randoms;

/**
 * Generates rating data with a known latent structure, so accuracy can be checked against a known
 * noise floor.
 *
 * <p>The truth is a biased factor model {@code μ + b_u + b_i + p_u·q_i} of rank {@code rank}:
 * <ul>
 *   <li>users get MovieLens-like demographics (gender, age, occupation); every gender, age band and
 *       occupation has its own bias offset and taste direction, scaled by {@code groupEffect}, so
 *       groups really differ (the fairness audit has something to find);</li>
 *   <li>movie popularity follows a Zipf law ({@code popularitySkew}) and popular movies are rated a
 *       little higher, as in MovieLens; user activity follows its own Zipf law;</li>
 *   <li>each rating is {@code round(truth + N(0, noiseStd²))}, clipped to the scale;</li>
 *   <li>with a {@linkplain GeneratorConfig#selectionTilt() selection tilt} β, users choose the movies
 *       they rate, and the {@linkplain GeneratorConfig#watchesPerUser() movies they only watch}, with
 *       probability ∝ {@code popularity · exp(β·z_ui)}, {@code z_ui = p_u·q_i / sd(p·q)}: the implicit
 *       effect SVD++ learns from. With β = 0 and no watches the data are those of earlier builds.</li>
 * </ul>
 * The same configuration always gives the same data.
 */
public final class SyntheticDataGenerator {

    /** MovieLens-1M occupation names. */
    public static final List<String> OCCUPATIONS = List.of("other", "academic/educator", "artist",
            "clerical/admin", "college/grad student", "customer service", "doctor/health care",
            "executive/managerial", "farmer", "homemaker", "K-12 student", "lawyer", "programmer",
            "retired", "sales/marketing", "scientist", "self-employed", "technician/engineer",
            "tradesman/craftsman", "unemployed", "writer");

    /** MovieLens genres. */
    public static final List<String> GENRES = List.of("Action", "Adventure", "Animation", "Children's",
            "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical",
            "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western");

    /** Lower bounds of the MovieLens-1M age bands. */
    static final int[] AGE_BANDS = {1, 18, 25, 35, 45, 50, 56};
    private static final double[] AGE_BAND_WEIGHTS = {0.04, 0.18, 0.35, 0.20, 0.09, 0.08, 0.06};

    private static final String[] ADJECTIVES = {"silent", "crimson", "last", "hidden", "broken", "golden",
            "dark", "endless", "little", "wild", "lost", "bright", "cold", "secret", "savage", "quiet",
            "electric", "paper", "iron", "velvet", "midnight", "distant", "burning", "frozen", "sweet",
            "strange", "lonely", "brave", "final", "empty"};
    private static final String[] NOUNS = {"river", "city", "garden", "storm", "mirror", "road", "summer",
            "kingdom", "letter", "island", "horizon", "machine", "empire", "station", "dream", "forest",
            "harbor", "frontier", "signal", "shadow", "voyage", "orchard", "circus", "planet", "witness",
            "echo", "lantern", "border", "canyon", "melody"};

    private static final double GLOBAL_MEAN = 3.30;
    private static final double USER_BIAS_STD = 0.40;
    private static final double ITEM_BIAS_STD = 0.50;
    /** Standard deviation of p_u·q_i. */
    private static final double INTERACTION_STD = 0.55;

    private SyntheticDataGenerator() {
    }

    public static GeneratedData generate(GeneratorConfig c) {
        SplittableRandom random = new SplittableRandom(c.seed());
        int k = c.rank();
        double factorStd = Math.pow(INTERACTION_STD * INTERACTION_STD / k, 0.25);

        // Demographic groups: each has a bias offset and a taste direction.
        int groups = 2 + AGE_BANDS.length + OCCUPATIONS.size();
        double[] groupBias = new double[groups];
        double[][] groupTaste = new double[groups][k];
        for (int g = 0; g < groups; g++) {
            groupBias[g] = Randoms.gaussian(random);
            for (int f = 0; f < k; f++) {
                groupTaste[g][f] = Randoms.gaussian(random);
            }
        }

        List<SyntheticUser> users = new ArrayList<>(c.users());
        IdIndex userIds = new IdIndex(c.users());
        float[] userBias = new float[c.users()];
        float[] userFactors = new float[c.users() * k];
        double[] occupationWeights = occupationWeights();
        double groupScale = c.groupEffect() / Math.sqrt(3);
        for (int u = 0; u < c.users(); u++) {
            String gender = random.nextDouble() < 0.71 ? "M" : "F";
            int band = pick(AGE_BAND_WEIGHTS, random);
            int age = ageIn(band, random);
            int occupation = pick(occupationWeights, random);
            String zip = String.format(Locale.ROOT, "%05d", random.nextInt(100_000));
            String id = Integer.toString(u + 1);
            users.add(new SyntheticUser(id, age, gender, OCCUPATIONS.get(occupation), zip));
            userIds.add(id);
            int[] memberOf = {gender.equals("M") ? 0 : 1, 2 + band, 2 + AGE_BANDS.length + occupation};
            double b = Randoms.gaussian(random);
            for (int g : memberOf) {
                b += groupScale * groupBias[g];
            }
            userBias[u] = (float) (USER_BIAS_STD * b / Math.sqrt(1 + c.groupEffect() * c.groupEffect()));
            for (int f = 0; f < k; f++) {
                double p = Randoms.gaussian(random);
                for (int g : memberOf) {
                    p += groupScale * groupTaste[g][f];
                }
                userFactors[u * k + f] = (float) (factorStd * p / Math.sqrt(1 + c.groupEffect() * c.groupEffect()));
            }
        }

        // Movies: popularity rank is a random permutation; popular movies are rated a little higher.
        int[] rankOf = Randoms.permutation(c.movies(), random);
        double[] logRank = new double[c.movies()];
        double meanLog = 0;
        for (int i = 0; i < c.movies(); i++) {
            logRank[i] = Math.log(rankOf[i] + 1.0);
            meanLog += logRank[i];
        }
        meanLog /= c.movies();
        double sdLog = 0;
        for (double v : logRank) {
            sdLog += (v - meanLog) * (v - meanLog);
        }
        sdLog = Math.sqrt(sdLog / c.movies()) + 1e-9;

        List<SyntheticMovie> movies = new ArrayList<>(c.movies());
        IdIndex movieIds = new IdIndex(c.movies());
        float[] itemBias = new float[c.movies()];
        float[] itemFactors = new float[c.movies() * k];
        double[] popularity = new double[c.movies()];
        Set<String> slugs = new HashSet<>();
        for (int i = 0; i < c.movies(); i++) {
            double popularityZ = -(logRank[i] - meanLog) / sdLog;
            itemBias[i] = (float) (ITEM_BIAS_STD * (0.8 * Randoms.gaussian(random) + 0.6 * popularityZ));
            for (int f = 0; f < k; f++) {
                itemFactors[i * k + f] = (float) (factorStd * Randoms.gaussian(random));
            }
            popularity[i] = Math.pow(rankOf[i] + 1.0, -c.popularitySkew());
            int year = 1950 + random.nextInt(76);
            String words = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + NOUNS[random.nextInt(NOUNS.length)];
            String slug = words.replace(' ', '+') + "+" + year;
            for (int n = 2; !slugs.add(slug); n++) {
                slug = words.replace(' ', '+') + "+" + n + "+" + year;
            }
            String id = c.slugIds() ? slug : Integer.toString(i + 1);
            String title = capitalize(words) + " (" + year + ")";
            movies.add(new SyntheticMovie(id, title, year, genresOf(itemFactors, i * k, k), rankOf[i]));
            movieIds.add(id);
        }

        SvdModel truth = new SvdModel(userIds, movieIds, k, (float) GLOBAL_MEAN, userBias, itemBias,
                userFactors, itemFactors, c.scale(), Map.of("algorithm", "synthetic-truth", "rank", Integer.toString(k)),
                describe(c));

        // Ratings: how many per user from the activity law, which movies from the popularity law.
        int[] perUser = ratingsPerUser(c, random);
        double[] cumulativePopularity = cumulative(popularity);
        Ratings.Builder builder = Ratings.builder(userIds, movieIds);
        ImplicitFeedback.Builder watched = ImplicitFeedback.builder(userIds, movieIds);
        boolean tilted = c.selectionTilt() > 0;
        double[] userPopularity = tilted ? new double[c.movies()] : null;
        double affinityStd = tilted ? affinityStd(userFactors, itemFactors, k, random) : 1;
        boolean[] taken = new boolean[c.movies()];
        int[] chosen = new int[c.movies()];
        long span = c.days() * 86_400L;
        double squaredTruthError = 0;
        double squaredBayesError = 0;
        for (int u = 0; u < c.users(); u++) {
            int count = perUser[u];
            double[] law = cumulativePopularity;
            if (tilted) {
                for (int i = 0; i < c.movies(); i++) {
                    double z = SvdModel.dot(userFactors, u * k, itemFactors, i * k, k) / affinityStd;
                    userPopularity[i] = popularity[i] * Math.exp(c.selectionTilt() * z);
                }
                law = cumulative(userPopularity);
            }
            long userStart = c.startEpochSeconds() + (long) (random.nextDouble() * span * 0.5);
            long userSpan = c.startEpochSeconds() + span - userStart;
            for (int n = 0; n < count; n++) {
                int i = sampleUntaken(law, taken, random);
                chosen[n] = i;
                double score = truth.rawScore(u, i);
                double rating = c.scale().clip(Math.rint(score + c.noiseStd() * Randoms.gaussian(random)));
                long time = userStart + (long) (random.nextDouble() * userSpan);
                builder.addIndexed(u, i, rating, time);
                double truthError = rating - c.scale().clip(score);
                squaredTruthError += truthError * truthError;
                double bayesError = rating - expectedRating(score, c.noiseStd(), c.scale());
                squaredBayesError += bayesError * bayesError;
            }
            int watches = Math.min(c.watchesPerUser(), c.movies() - count);
            for (int n = count; n < count + watches; n++) {
                chosen[n] = sampleUntaken(law, taken, random);
                watched.addIndexed(u, chosen[n]);
            }
            for (int n = 0; n < count + watches; n++) {
                taken[chosen[n]] = false;
            }
        }
        Ratings ratings = builder.build();
        return new GeneratedData(c, ratings, watched.build(), List.copyOf(users), List.copyOf(movies), truth,
                Math.sqrt(squaredTruthError / ratings.size()), Math.sqrt(squaredBayesError / ratings.size()));
    }

    /**
     * The standard deviation of {@code p_u·q_i} over uniformly random (user, movie) pairs, estimated from
     * 20,000 of them (or all pairs of a small catalogue), which standardises the selection tilt.
     */
    private static double affinityStd(float[] userFactors, float[] itemFactors, int k, SplittableRandom random) {
        int users = userFactors.length / k;
        int items = itemFactors.length / k;
        double sum = 0;
        double squares = 0;
        int n = 20_000;
        for (int s = 0; s < n; s++) {
            double a = SvdModel.dot(userFactors, random.nextInt(users) * k, itemFactors, random.nextInt(items) * k, k);
            sum += a;
            squares += a * a;
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(squares / n - mean * mean, 1e-12));
    }

    /**
     * {@code E[clip(round(score + N(0, σ²)))]}: the mean rating a user with this true score gives,
     * the best prediction any model can make.
     */
    static double expectedRating(double score, double noiseStd, RatingScale scale) {
        if (noiseStd == 0) {
            return scale.clip(Math.rint(score));
        }
        double expected = 0;
        double below = 0;
        for (double r = scale.min(); r < scale.max(); r++) {
            double upTo = normalCdf((r + 0.5 - score) / noiseStd);
            expected += r * (upTo - below);
            below = upTo;
        }
        return expected + scale.max() * (1 - below);
    }

    /** Φ(x), via erfc with Numerical Recipes' Chebyshev fit (fractional error below 1.2e-7). */
    static double normalCdf(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.5 * z);
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - erfc / 2 : erfc / 2;
    }

    /** Splits the ratings over users by a Zipf activity law, at least one each, at most half the catalogue. */
    private static int[] ratingsPerUser(GeneratorConfig c, SplittableRandom random) {
        int n = c.users();
        int cap = Math.max(1, c.movies() / 2);
        int[] activityRank = Randoms.permutation(n, random);
        double[] weight = new double[n];
        double total = 0;
        for (int u = 0; u < n; u++) {
            weight[u] = Math.pow(activityRank[u] + 1.0, -c.activitySkew());
            total += weight[u];
        }
        int floor = Math.max(1, Math.min(20, c.ratings() / n / 2));
        int[] counts = new int[n];
        long assigned = 0;
        for (int u = 0; u < n; u++) {
            counts[u] = (int) Math.min(cap, Math.max(floor, Math.floor(c.ratings() * weight[u] / total)));
            assigned += counts[u];
        }
        // Fix the total one rating at a time, visiting users in random order.
        int[] order = Randoms.permutation(n, random);
        int at = 0;
        int stalled = 0;
        while (assigned != c.ratings()) {
            int u = order[at++ % n];
            if (assigned < c.ratings() && counts[u] < cap) {
                counts[u]++;
                assigned++;
                stalled = 0;
            } else if (assigned > c.ratings() && counts[u] > 1) {
                counts[u]--;
                assigned--;
                stalled = 0;
            } else if (++stalled > n) {
                throw new IllegalStateException("cannot place " + c.ratings() + " ratings");
            }
        }
        return counts;
    }

    private static List<String> genresOf(float[] factors, int offset, int k) {
        List<String> genres = new ArrayList<>(3);
        Integer[] dims = new Integer[k];
        for (int f = 0; f < k; f++) {
            dims[f] = f;
        }
        Arrays.sort(dims, (a, b) -> Float.compare(factors[offset + b], factors[offset + a]));
        for (int j = 0; j < Math.min(2, k); j++) {
            String genre = GENRES.get(dims[j] % GENRES.size());
            if (!genres.contains(genre)) {
                genres.add(genre);
            }
        }
        return List.copyOf(genres);
    }

    private static Map<String, String> describe(GeneratorConfig c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("generator.users", Integer.toString(c.users()));
        m.put("generator.movies", Integer.toString(c.movies()));
        m.put("generator.ratings", Integer.toString(c.ratings()));
        m.put("generator.noiseStd", Double.toString(c.noiseStd()));
        m.put("generator.groupEffect", Double.toString(c.groupEffect()));
        m.put("generator.seed", Long.toString(c.seed()));
        return m;
    }

    private static double[] occupationWeights() {
        double[] w = new double[OCCUPATIONS.size()];
        Arrays.fill(w, 1.0);
        w[OCCUPATIONS.indexOf("college/grad student")] = 4;
        w[OCCUPATIONS.indexOf("other")] = 3;
        w[OCCUPATIONS.indexOf("executive/managerial")] = 2.5;
        w[OCCUPATIONS.indexOf("academic/educator")] = 2;
        w[OCCUPATIONS.indexOf("technician/engineer")] = 2;
        w[OCCUPATIONS.indexOf("programmer")] = 1.5;
        w[OCCUPATIONS.indexOf("farmer")] = 0.2;
        return w;
    }

    private static int ageIn(int band, SplittableRandom random) {
        int low = band == 0 ? 12 : AGE_BANDS[band];
        int high = band + 1 < AGE_BANDS.length ? AGE_BANDS[band + 1] - 1 : 73;
        return low + random.nextInt(high - low + 1);
    }

    private static int pick(double[] weights, SplittableRandom random) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = random.nextDouble() * total;
        for (int j = 0; j < weights.length; j++) {
            x -= weights[j];
            if (x < 0) {
                return j;
            }
        }
        return weights.length - 1;
    }

    private static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int j = 0; j < weights.length; j++) {
            sum += weights[j];
            c[j] = sum;
        }
        for (int j = 0; j < c.length; j++) {
            c[j] /= sum;
        }
        return c;
    }

    /** A movie drawn from {@code cumulative} that is not {@code taken} yet, then marked taken. */
    private static int sampleUntaken(double[] cumulative, boolean[] taken, SplittableRandom random) {
        int i;
        do {
            i = sample(cumulative, random);
        } while (taken[i]);
        taken[i] = true;
        return i;
    }

    private static int sample(double[] cumulative, SplittableRandom random) {
        int at = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(at >= 0 ? at : -at - 1, cumulative.length - 1);
    }

    private static String capitalize(String words) {
        StringBuilder sb = new StringBuilder(words.length());
        boolean start = true;
        for (char ch : words.toCharArray()) {
            sb.append(start ? Character.toUpperCase(ch) : ch);
            start = ch == ' ';
        }
        return sb.toString();
    }
}
