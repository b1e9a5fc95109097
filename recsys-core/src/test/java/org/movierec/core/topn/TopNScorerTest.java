package org.movierec.core.topn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.movierec.core.data.RatingScale;
import org.movierec.core.ids.IdIndex;
import org.movierec.core.model.SvdModel;

class TopNScorerTest {

    @RepeatedTest(20)
    void equalsABruteForceSortWithExclusions(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        int m = 1 + random.nextInt(3000);
        float[] scores = new float[m];
        for (int i = 0; i < m; i++) {
            // few distinct values, so ties are common
            scores[i] = random.nextInt(50) / 10f;
        }
        BitSet excluded = new BitSet(m);
        for (int i = 0; i < m; i++) {
            if (random.nextDouble() < 0.3) {
                excluded.set(i);
            }
        }
        int n = random.nextInt(40);

        ScoredItems top = TopNScorer.select(scores, n, excluded);

        int[] expected = IntStream.range(0, m).filter(i -> !excluded.get(i)).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
                .limit(n).mapToInt(Integer::intValue).toArray();
        assertThat(top.items()).containsExactly(expected);
        for (int j = 0; j < expected.length; j++) {
            assertThat(top.scores()[j]).isEqualTo(scores[expected[j]]);
        }
    }

    @Test
    void fewerCandidatesThanRequestedAndNaN() {
        float[] scores = {1f, Float.NaN, 3f};
        assertThat(TopNScorer.select(scores, 20, null).items()).containsExactly(2, 0);
        assertThat(TopNScorer.select(scores, 0, null).size()).isZero();
        BitSet all = new BitSet();
        all.set(0, 3);
        assertThat(TopNScorer.select(scores, 5, all).size()).isZero();
    }

    @Test
    void scoresEqualTheModelsRawScores() {
        Random random = new Random(4);
        int m = 2500; // more than one tile
        int k = 13;
        IdIndex users = new IdIndex();
        users.add("u0");
        users.add("u1");
        IdIndex items = new IdIndex();
        float[] itemBias = new float[m];
        float[] q = new float[m * k];
        for (int i = 0; i < m; i++) {
            items.add("m" + i);
            itemBias[i] = (float) random.nextGaussian();
        }
        for (int j = 0; j < q.length; j++) {
            q[j] = (float) random.nextGaussian();
        }
        float[] p = new float[2 * k];
        for (int j = 0; j < p.length; j++) {
            p[j] = (float) random.nextGaussian();
        }
        SvdModel model = new SvdModel(users, items, k, 3.5f, new float[] {0.1f, -0.2f}, itemBias, p, q,
                RatingScale.ONE_TO_FIVE, Map.of(), Map.of());
        TopNScorer scorer = new TopNScorer(model);
        float[] out = new float[m];
        scorer.scoreAll(model.userBias()[1], model.userFactors(), k, out);
        for (int i = 0; i < m; i++) {
            assertThat((double) out[i]).isCloseTo(model.rawScore(1, i), within(1e-4));
        }
        ScoredItems top = scorer.top(model.userBias()[1], model.userFactors(), k, 10, null);
        assertThat(top.items()).containsExactly(TopNScorer.select(out, 10, null).items());
    }

    /**
     * A generated model: {@code m} items with biases of spread {@code biasSd} and factors of spread {@code factorSd},
     * every fifth item a copy of an earlier one (same bias and factors, so equal scores: ties), and {@code users}
     * users with factors of spread {@code userSd}.
     */
    private static SvdModel generated(long seed, int users, int m, int k, double biasSd, double factorSd,
                                      double userSd) {
        Random random = new Random(seed);
        IdIndex userIds = new IdIndex();
        for (int u = 0; u < users; u++) {
            userIds.add("u" + u);
        }
        IdIndex items = new IdIndex();
        float[] itemBias = new float[m];
        float[] q = new float[m * k];
        for (int i = 0; i < m; i++) {
            items.add("m" + i);
            if (i > 0 && i % 5 == 0) {
                int copy = random.nextInt(i);
                itemBias[i] = itemBias[copy];
                System.arraycopy(q, copy * k, q, i * k, k);
            } else {
                // a coarse grid of biases, so equal biases (ties in the walk's order) are common too
                itemBias[i] = (float) (Math.round(biasSd * random.nextGaussian() * 20) / 20.0);
                for (int f = 0; f < k; f++) {
                    q[i * k + f] = (float) (factorSd * random.nextGaussian());
                }
            }
        }
        float[] userBias = new float[users];
        float[] p = new float[users * k];
        for (int u = 0; u < users; u++) {
            userBias[u] = (float) (0.3 * random.nextGaussian());
            for (int f = 0; f < k; f++) {
                p[u * k + f] = (float) (userSd * random.nextGaussian());
            }
        }
        return new SvdModel(userIds, items, k, 3.5f, userBias, itemBias, p, q, RatingScale.ONE_TO_FIVE, Map.of(),
                Map.of());
    }

    /** For every user: top(n) against the full scan and a selection over it, items and scores bit for bit. */
    private static void assertTopEqualsFullScan(SvdModel model, Random random, float[] foreignUser) {
        TopNScorer scorer = new TopNScorer(model);
        int m = model.items().size();
        int k = model.factors();
        float[] all = new float[m];
        for (int u = 0; u < model.users().size(); u++) {
            BitSet excluded = new BitSet(m);
            int rated = random.nextInt(4) == 0 ? 0 : random.nextInt(m / 4 + 1);
            for (int j = 0; j < rated; j++) {
                excluded.set(random.nextInt(m));
            }
            int n = 1 + random.nextInt(random.nextInt(10) == 0 ? m + 5 : 40);
            BitSet maybeExcluded = rated == 0 && random.nextBoolean() ? null : excluded;
            scorer.scoreAll(model.userBias()[u], model.userFactors(), u * k, all);
            ScoredItems expected = TopNScorer.select(all, n, maybeExcluded);
            assertThat(scorer.top(model.userBias()[u], model.userFactors(), u * k, n, maybeExcluded))
                    .as("user %d, n %d", u, n).isEqualTo(expected);
        }
        scorer.scoreAll(0.2f, foreignUser, 0, all);
        assertThat(scorer.top(0.2f, foreignUser, 0, 20, null)).isEqualTo(TopNScorer.select(all, 20, null));
    }

    private static float[] vector(Random random, int k, double sd) {
        float[] v = new float[k];
        for (int f = 0; f < k; f++) {
            v[f] = (float) (sd * random.nextGaussian());
        }
        return v;
    }

    @RepeatedTest(5)
    void topEqualsTheFullScanWhenBiasesDominate(RepetitionInfo repetition) {
        Random random = new Random(100 + repetition.getCurrentRepetition());
        int k = 8 + random.nextInt(60);
        // like the 1M-user serving model: biases spread ~0.5, small user vectors (few ratings each)
        SvdModel model = generated(repetition.getCurrentRepetition(), 300, 2000 + random.nextInt(4000), k, 1.0, 0.05,
                0.05);
        assertThat(new TopNScorer(model).walksByBias()).isTrue();
        // the foreign (folded-in) vector is long: its walk exceeds the budget and falls back to the scan
        assertTopEqualsFullScan(model, random, vector(random, k, 3.0));
    }

    @RepeatedTest(5)
    void topEqualsTheFullScanWhenFactorsDominate(RepetitionInfo repetition) {
        Random random = new Random(200 + repetition.getCurrentRepetition());
        int k = 8 + random.nextInt(100);
        SvdModel model = generated(repetition.getCurrentRepetition(), 200, 300 + random.nextInt(2000), k, 0.1, 0.3,
                0.5);
        assertThat(new TopNScorer(model).walksByBias()).isFalse();
        assertTopEqualsFullScan(model, random, vector(random, k, 0.01));
    }

    @Test
    void allItemsTiedAndAllExcluded() {
        SvdModel model = generated(3, 5, 200, 4, 0.0, 0.0, 0.0);
        TopNScorer scorer = new TopNScorer(model);
        ScoredItems top = scorer.top(0f, model.userFactors(), 0, 10, null);
        assertThat(top.items()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        BitSet all = new BitSet();
        all.set(0, 200);
        assertThat(scorer.top(0f, model.userFactors(), 0, 10, all).size()).isZero();
        assertThat(scorer.top(0f, model.userFactors(), 0, 0, null).size()).isZero();
    }

    @Test
    void theTrialWalksForTheVectorsServingScores() {
        SvdModel model = generated(9, 300, 3000, 16, 1.0, 0.05, 0.05);
        assertThat(new TopNScorer(model).walksByBias()).isTrue();
        // effective vectors 100 times longer: the bound no longer prunes, so the scorer scans
        float[] served = model.userFactors().clone();
        for (int j = 0; j < served.length; j++) {
            served[j] *= 100;
        }
        TopNScorer scanning = new TopNScorer(model, served);
        assertThat(scanning.walksByBias()).isFalse();
        float[] all = new float[3000];
        scanning.scoreAll(model.userBias()[7], served, 7 * 16, all);
        assertThat(scanning.top(model.userBias()[7], served, 7 * 16, 20, null))
                .isEqualTo(TopNScorer.select(all, 20, null));
        assertThatThrownBy(() -> new TopNScorer(model, new float[16]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
