package org.movierec.core.foldin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.movierec.core.data.RatingScale;
import org.movierec.core.ids.IdIndex;
import org.movierec.core.model.ImplicitFactors;
import org.movierec.core.model.ImplicitItems;
import org.movierec.core.model.SvdModel;

/** Fold-in for SVD++ models: the implicit part {@code |N|^-½ Σ y_j} over the rated and watched movies. */
class FoldInImplicitTest {

    @Test
    void watchesOnlyGiveTheNormalisedSumOfImplicitFactors() {
        // y1 = (0.2, 0.4), y2 = (0.6, -0.2); N = {1, 2} (item 2 watched twice counts once):
        // (y1 + y2)/√2 = (0.565685424949238, 0.1414213562373095), svdpp_reference.py
        SvdModel model = new SvdModel(IdIndex.of(List.of("u")), IdIndex.of(List.of("a", "b", "c")), 2, 3f,
                new float[1], new float[3], new float[2], new float[] {1, 0, 0, 1, 0.5f, 0.5f},
                RatingScale.ONE_TO_FIVE, Map.of(), Map.of(), org.movierec.core.model.RatedItems.none(1), new int[0],
                new ImplicitFactors(new float[] {0, 0, 0.2f, 0.4f, 0.6f, -0.2f},
                        new ImplicitItems(new int[] {0, 0}, new int[0])));

        UserVector v = FoldIn.forModel(model).solve(new int[0], new float[0], 0, new int[] {2, 1, 2}, 3);

        assertThat(v.bias()).isZero();
        assertThat((double) v.factors()[0]).isCloseTo(0.565685424949238, within(1e-6));
        assertThat((double) v.factors()[1]).isCloseTo(0.1414213562373095, within(1e-6));
    }

    /** Ridge on the residuals after the implicit part, plus the implicit part; dual and primal paths. */
    @ParameterizedTest(name = "k={0}, n={1}, m={2}")
    @CsvSource({"8,0,3", "8,3,2", "8,8,5", "8,20,4", "32,40,10"})
    void equalsTheClosedFormRidgeSolutionPlusTheImplicitPart(int k, int n, int m) {
        Random random = new Random(31L * k + 7L * n + m);
        int nItems = 300;
        SvdModel model = randomImplicitModel(nItems, k, random);
        int[] items = new int[n];
        float[] ratings = new float[n];
        java.util.Set<Integer> set = new java.util.TreeSet<>();
        for (int j = 0; j < n; j++) {
            items[j] = random.nextInt(nItems);
            ratings[j] = 1 + random.nextInt(5);
            set.add(items[j]);
        }
        int[] watched = new int[m];
        for (int j = 0; j < m; j++) {
            watched[j] = random.nextInt(nItems);
            set.add(watched[j]);
        }
        double lambdaFactors = 0.08 * n;
        double lambdaBias = 0.02 * n;

        UserVector v = new FoldIn(model, 0.08, 0.02).solve(items, ratings, n, watched, m);

        float[] y = model.implicitFactors().orElseThrow().itemFactors();
        double[] s = new double[k];
        for (int j : set) {
            for (int f = 0; f < k; f++) {
                s[f] += y[j * k + f] / Math.sqrt(set.size());
            }
        }
        double[] expectedFactors = s.clone();
        double expectedBias = 0;
        if (n > 0) {
            SimpleMatrix z = new SimpleMatrix(n, k + 1);
            SimpleMatrix r = new SimpleMatrix(n, 1);
            for (int j = 0; j < n; j++) {
                z.set(j, 0, 1);
                double implicitScore = 0;
                for (int f = 0; f < k; f++) {
                    double q = model.itemFactors()[items[j] * k + f];
                    z.set(j, f + 1, q);
                    implicitScore += q * s[f];
                }
                r.set(j, 0, ratings[j] - model.globalMean() - model.itemBias()[items[j]] - implicitScore);
            }
            SimpleMatrix penalty = SimpleMatrix.identity(k + 1).scale(lambdaFactors);
            penalty.set(0, 0, lambdaBias);
            SimpleMatrix x = z.transpose().mult(z).plus(penalty).invert().mult(z.transpose()).mult(r);
            expectedBias = x.get(0, 0);
            for (int f = 0; f < k; f++) {
                expectedFactors[f] += x.get(f + 1, 0);
            }
        }
        assertThat((double) v.bias()).isCloseTo(expectedBias, within(1e-4));
        for (int f = 0; f < k; f++) {
            assertThat((double) v.factors()[f]).as("factor %d", f).isCloseTo(expectedFactors[f], within(1e-4));
        }
    }

    @Test
    void anExplicitModelIgnoresWatches() {
        SvdModel model = FoldInTest.randomModel(50, 4, new Random(3));
        FoldIn foldIn = FoldIn.forModel(model);
        UserVector rated = foldIn.solve(new int[] {3, 9}, new float[] {5, 2}, 2);
        UserVector ratedAndWatched = foldIn.solve(new int[] {3, 9}, new float[] {5, 2}, 2, new int[] {4, 7}, 2);
        assertThat(ratedAndWatched.bias()).isEqualTo(rated.bias());
        assertThat(ratedAndWatched.factors()).containsExactly(rated.factors());
        assertThat(foldIn.solve(new int[0], new float[0], 0, new int[] {4}, 1).factors()).containsOnly(0f);
    }

    @Test
    void aFirstWatchChangesTheVector() {
        SvdModel model = randomImplicitModel(100, 8, new Random(4));
        FoldIn foldIn = FoldIn.forModel(model);
        UserVector before = foldIn.solve(new int[0], new float[0], 0, new int[0], 0);
        UserVector after = foldIn.solve(new int[0], new float[0], 0, new int[] {42}, 1);
        assertThat(before.factors()).containsOnly(0f);
        float[] y = model.implicitFactors().orElseThrow().itemFactors();
        for (int f = 0; f < 8; f++) {
            assertThat(after.factors()[f]).isEqualTo(y[42 * 8 + f]);
        }
    }

    static SvdModel randomImplicitModel(int items, int k, Random random) {
        SvdModel explicit = FoldInTest.randomModel(items, k, random);
        float[] y = new float[items * k];
        for (int j = 0; j < y.length; j++) {
            y[j] = (float) (random.nextGaussian() * 0.2);
        }
        return new SvdModel(explicit.users(), explicit.items(), k, explicit.globalMean(), explicit.userBias(),
                explicit.itemBias(), explicit.userFactors(), explicit.itemFactors(), explicit.scale(),
                explicit.hyperparameters(), explicit.metadata(), explicit.ratedItems(), explicit.popularItems(),
                new ImplicitFactors(y, new ImplicitItems(new int[] {0, 0}, new int[0])));
    }
}
