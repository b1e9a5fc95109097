package org.movierec.bench;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.movierec.core.data.RatingScale;
import org.movierec.core.foldin.FoldIn;
import org.movierec.core.foldin.UserVector;
import org.movierec.core.ids.IdIndex;
import org.movierec.core.model.ImplicitFactors;
import org.movierec.core.model.ImplicitItems;
import org.movierec.core.model.RatedItems;
import org.movierec.core.model.SvdModel;
import org.movierec.core.random.Randoms;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Folding one user with {@code ratings} ratings and {@code watches} watched movies into a
 * rank-{@code factors} model: the work serving does for every incoming rating or watch. Below the rank
 * it solves the small dual system. With {@code implicit} (the default model since issue 16) the model is
 * SVD++ and the watched and rated movies add the implicit part {@code |N|^-½ Σ y_j}; without, the
 * watches are ignored. {@code ratings = 0} is a user who has only watched.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FoldInBenchmark {

    @Param({"64"})
    int factors;

    @Param({"0", "5", "20", "50", "200"})
    int ratings;

    @Param({"0", "5", "20"})
    int watches;

    @Param({"true"})
    boolean implicit;

    private FoldIn foldIn;
    private int[] items;
    private float[] values;
    private int[] watched;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(2);
        int movies = 27_000;
        IdIndex users = new IdIndex();
        users.add("u");
        IdIndex movieIds = new IdIndex(movies);
        for (int i = 0; i < movies; i++) {
            movieIds.add(Integer.toString(i));
        }
        float[] itemFactors = new float[movies * factors];
        for (int j = 0; j < itemFactors.length; j++) {
            itemFactors[j] = (float) (0.1 * Randoms.gaussian(random));
        }
        float[] implicitFactors = new float[movies * factors];
        for (int j = 0; j < implicitFactors.length; j++) {
            implicitFactors[j] = (float) (0.05 * Randoms.gaussian(random));
        }
        SvdModel model = new SvdModel(users, movieIds, factors, 3.5f, new float[1], new float[movies],
                new float[factors], itemFactors, RatingScale.ONE_TO_FIVE, Map.of(), Map.of(), RatedItems.none(1),
                new int[0], implicit ? new ImplicitFactors(implicitFactors, new ImplicitItems(new int[2], new int[0])) : null);
        foldIn = FoldIn.forModel(model);
        int[] perm = Randoms.permutation(movies, random);
        items = java.util.Arrays.copyOf(perm, ratings);
        watched = java.util.Arrays.copyOfRange(perm, ratings, ratings + watches);
        values = new float[ratings];
        for (int j = 0; j < ratings; j++) {
            values[j] = 1 + random.nextInt(5);
        }
    }

    @Benchmark
    public UserVector foldIn() {
        return foldIn.solve(items, values, ratings, watched, watches);
    }
}
