package org.movierec.core.foldin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.movierec.core.data.RatingScale;
import org.movierec.core.generate.GeneratedData;
import org.movierec.core.generate.GeneratorConfig;
import org.movierec.core.generate.SyntheticDataGenerator;
import org.movierec.core.ids.IdIndex;
import org.movierec.core.model.SvdModel;

class FoldInTest {

    /** Dual (n ≤ k) and primal (n > k) paths must both equal the textbook ridge solution. */
    @ParameterizedTest(name = "k={0}, n={1}")
    @CsvSource({"8,1", "8,5", "8,8", "8,9", "8,40", "32,10", "32,200", "64,64", "64,65"})
    void equalsTheClosedFormRidgeSolution(int k, int n) {
        Random random = new Random(k * 1000L + n);
        SvdModel model = randomModel(300, k, random);
        int[] items = new int[n];
        float[] ratings = new float[n];
        for (int j = 0; j < n; j++) {
            items[j] = random.nextInt(300);
            ratings[j] = 1 + random.nextInt(5);
        }
        double lambdaFactors = 0.7;
        double lambdaBias = 0.3;

        UserVector v = new FoldIn(model, 0.08, 0.02).solve(items, ratings, n, lambdaFactors, lambdaBias);

        // x = (ZᵀZ + Λ)⁻¹ Zᵀ y, with Z rows [1, q_i] and y = r − μ − b_i
        SimpleMatrix z = new SimpleMatrix(n, k + 1);
        SimpleMatrix y = new SimpleMatrix(n, 1);
        for (int j = 0; j < n; j++) {
            z.set(j, 0, 1);
            for (int f = 0; f < k; f++) {
                z.set(j, f + 1, model.itemFactors()[items[j] * k + f]);
            }
            y.set(j, 0, ratings[j] - model.globalMean() - model.itemBias()[items[j]]);
        }
        SimpleMatrix penalty = SimpleMatrix.identity(k + 1).scale(lambdaFactors);
        penalty.set(0, 0, lambdaBias);
        SimpleMatrix x = z.transpose().mult(z).plus(penalty).invert().mult(z.transpose()).mult(y);

        assertThat((double) v.bias()).isCloseTo(x.get(0, 0), within(1e-4));
        for (int f = 0; f < k; f++) {
            assertThat((double) v.factors()[f]).as("factor %d", f).isCloseTo(x.get(f + 1, 0), within(1e-4));
        }
    }

    @Test
    void recoversATrueUserFromNoiselessRatings() {
        // Wide scale and no noise: ratings are the true scores rounded; with a tiny penalty the
        // fold-in finds the true user again (up to the rounding).
        GeneratedData data = SyntheticDataGenerator.generate(GeneratorConfig.of(50, 400, 5000, 8)
                .withRank(4).withNoiseStd(0).withScale(new RatingScale(-1000, 1000)));
        SvdModel truth = data.trueModel();
        int user = 3;
        int n = 150;
        int[] items = new int[n];
        float[] ratings = new float[n];
        for (int j = 0; j < n; j++) {
            items[j] = j;
            ratings[j] = (float) truth.rawScore(user, j);
        }
        UserVector v = new FoldIn(truth, 1e-6, 1e-6).solve(items, ratings, n);
        assertThat((double) v.bias()).isCloseTo(truth.userBias()[user], within(1e-3));
        for (int f = 0; f < 4; f++) {
            assertThat((double) v.factors()[f]).isCloseTo(truth.userFactors()[user * 4 + f], within(1e-3));
        }
    }

    @Test
    void noRatingsGiveTheZeroVector() {
        SvdModel model = randomModel(10, 4, new Random(1));
        UserVector v = FoldIn.forModel(model).solve(new int[0], new float[0], 0);
        assertThat(v.bias()).isZero();
        assertThat(v.factors()).containsOnly(0f);
    }

    @Test
    void aHighRatingPullsTheUserTowardsThatMovie() {
        SvdModel model = randomModel(200, 16, new Random(2));
        int liked = 17;
        UserVector v = FoldIn.forModel(model).solve(new int[] {liked}, new float[] {5}, 1);
        double before = model.globalMean() + model.itemBias()[liked];
        double after = before + v.bias() + SvdModel.dot(v.factors(), 0, model.itemFactors(), liked * 16, 16);
        assertThat(after).isGreaterThan(before);
    }

    static SvdModel randomModel(int items, int k, Random random) {
        IdIndex users = new IdIndex();
        users.add("u");
        IdIndex itemIds = new IdIndex();
        float[] bias = new float[items];
        float[] q = new float[items * k];
        for (int i = 0; i < items; i++) {
            itemIds.add("m" + i);
            bias[i] = (float) (random.nextGaussian() * 0.3);
        }
        for (int j = 0; j < q.length; j++) {
            q[j] = (float) (random.nextGaussian() * 0.4);
        }
        return new SvdModel(users, itemIds, k, 3.5f, new float[1], bias, new float[k], q,
                RatingScale.ONE_TO_FIVE, Map.of("regularization", "0.08", "biasRegularization", "0.02"), Map.of());
    }
}
