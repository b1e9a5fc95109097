package org.movierec.bench;

import java.util.BitSet;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.movierec.core.data.RatingScale;
import org.movierec.core.ids.IdIndex;
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
 * Top-20 for one user over the whole catalogue (27,000 movies at rank 64 by default), excluding the
 * user's 100 rated movies: the work of one {@code /recommend} call. Target: ≤ 1 ms, one thread.
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

    private TopNScorer scorer;
    private float[] userFactors;
    private BitSet rated;
    private int users;
    private int user;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        users = 1000;
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
        userFactors = new float[users * factors];
        for (int i = 0; i < itemBias.length; i++) {
            itemBias[i] = (float) (0.3 * Randoms.gaussian(random));
        }
        for (int j = 0; j < itemFactors.length; j++) {
            itemFactors[j] = (float) (0.1 * Randoms.gaussian(random));
        }
        for (int j = 0; j < userFactors.length; j++) {
            userFactors[j] = (float) (0.1 * Randoms.gaussian(random));
        }
        SvdModel model = new SvdModel(userIds, movieIds, factors, 3.5f, new float[users], itemBias, userFactors,
                itemFactors, RatingScale.ONE_TO_FIVE, Map.of(), Map.of());
        scorer = new TopNScorer(model);
        rated = new BitSet(movies);
        for (int j = 0; j < 100; j++) {
            rated.set(random.nextInt(movies));
        }
    }

    @Benchmark
    public ScoredItems top20() {
        user = (user + 1) % users;
        return scorer.top(0f, userFactors, user * factors, 20, rated);
    }
}
