package org.movierec.core.topn;

import static org.assertj.core.api.Assertions.assertThat;
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
}
