package org.movierec.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.movierec.core.data.RatingScale;
import org.movierec.core.ids.IdIndex;
import org.movierec.core.model.ModelFile;
import org.movierec.core.model.SvdModel;
import org.movierec.core.random.Randoms;
import org.movierec.core.topn.ScoredItems;
import org.movierec.core.topn.TopNScorer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Top-20 for one user over the whole catalogue, excluding the user's rated movies: the work of one
 * {@code /recommend} call. Target: ≤ 1 ms, one thread.
 *
 * <p>Two models. By default a random one (27,000 movies at rank 64, 100 rated movies excluded) whose factor
 * products outweigh its biases, so {@link TopNScorer#top} scans every item (its load-time trial says so). With
 * {@code -p modelFile=<path>} a trained model file, e.g. {@code bench/serving.sh}'s 1M-user × 27,000-movie one, with
 * users drawn uniformly and each user's rated movies excluded, as the service does. {@link #top20} is what serving
 * runs; {@link #scan20} scores every item ({@link TopNScorer#scoreAll}) and selects: the full scan, for comparison
 * in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class TopNBenchmark {

    @Param({"27000"})
    int movies;

    @Param({"64"})
    int factors;

    /** A model file to load instead of the random model (empty: random). */
    @Param({""})
    String modelFile;

    private TopNScorer scorer;
    private float[] userFactors;
    private float[] userBias;
    private int userFactorCount;
    /** The users benchmarked, in turn, and the movies each one rated. */
    private int[] sampled;
    private BitSet[] ratedBySampled;
    private float[] scores;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        SvdModel model = modelFile.isEmpty() ? randomModel() : ModelFile.read(Path.of(modelFile));
        scorer = new TopNScorer(model);
        userFactors = model.userFactors();
        userBias = model.userBias();
        userFactorCount = model.factors();
        scores = new float[model.items().size()];
        SplittableRandom random = new SplittableRandom(2);
        sampled = new int[4096];
        ratedBySampled = new BitSet[sampled.length];
        for (int j = 0; j < sampled.length; j++) {
            sampled[j] = random.nextInt(model.users().size());
            ratedBySampled[j] = new BitSet(model.items().size());
            if (modelFile.isEmpty()) {
                for (int r = 0; r < 100; r++) {
                    ratedBySampled[j].set(random.nextInt(model.items().size()));
                }
            } else {
                model.ratedItems().addTo(sampled[j], ratedBySampled[j]);
            }
        }
        System.out.println("\nmodel: " + model + ", walks by bias: " + scorer.walksByBias());
    }

    private SvdModel randomModel() {
        SplittableRandom random = new SplittableRandom(1);
        int users = 1000;
        IdIndex userIds = new IdIndex(users);
        for (int u = 0; u < users; u++) {
            userIds.add(Integer.toString(u));
        }
        IdIndex movieIds = new IdIndex(movies);
        for (int i = 0; i < movies; i++) {
            movieIds.add(Integer.toString(i));
        }
        float[] itemBias = new float[movies];
        float[] itemFactors = new float[movies * factors];
        float[] userFactors = new float[users * factors];
        for (int i = 0; i < itemBias.length; i++) {
            itemBias[i] = (float) (0.3 * Randoms.gaussian(random));
        }
        for (int j = 0; j < itemFactors.length; j++) {
            itemFactors[j] = (float) (0.1 * Randoms.gaussian(random));
        }
        for (int j = 0; j < userFactors.length; j++) {
            userFactors[j] = (float) (0.1 * Randoms.gaussian(random));
        }
        return new SvdModel(userIds, movieIds, factors, 3.5f, new float[users], itemBias, userFactors,
                itemFactors, RatingScale.ONE_TO_FIVE, Map.of(), Map.of());
    }

    @Benchmark
    public ScoredItems top20() {
        int j = next = (next + 1) & (sampled.length - 1);
        int u = sampled[j];
        return scorer.top(userBias[u], userFactors, u * userFactorCount, 20, ratedBySampled[j]);
    }

    @Benchmark
    public ScoredItems scan20() {
        int j = next = (next + 1) & (sampled.length - 1);
        int u = sampled[j];
        scorer.scoreAll(userBias[u], userFactors, u * userFactorCount, scores);
        return TopNScorer.select(scores, 20, ratedBySampled[j]);
    }
}
