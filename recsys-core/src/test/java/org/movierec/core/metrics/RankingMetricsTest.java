package org.movierec.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.movierec.core.data.RatingScale;
import org.movierec.core.data.Ratings;
import org.movierec.core.ids.IdIndex;
import org.movierec.core.model.SvdModel;

class RankingMetricsTest {

    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    /** Relevant items 10 and 30 of the list [10, 20, 30, 40]: hits at ranks 1 and 3. */
    private static final int[] LIST = {10, 20, 30, 40};
    private static final IntPredicate RELEVANT = Set.of(10, 30, 99)::contains;

    @Test
    void precisionCountsHitsInTheFirstKOverK() {
        assertThat(RankingMetrics.precisionAtK(LIST, RELEVANT, 1)).isEqualTo(1.0);       // [10]: 1/1
        assertThat(RankingMetrics.precisionAtK(LIST, RELEVANT, 2)).isEqualTo(0.5);       // [10,20]: 1/2
        assertThat(RankingMetrics.precisionAtK(LIST, RELEVANT, 3)).isEqualTo(2.0 / 3);   // 2 hits / 3
        assertThat(RankingMetrics.precisionAtK(LIST, RELEVANT, 8)).isEqualTo(2.0 / 8);   // short list, still / k
    }

    @Test
    void recallCountsHitsOverTheRelevantItems() {
        // three relevant items (10, 30, 99); 99 is never recommended
        assertThat(RankingMetrics.recallAtK(LIST, RELEVANT, 3, 2)).isEqualTo(1.0 / 3);
        assertThat(RankingMetrics.recallAtK(LIST, RELEVANT, 3, 4)).isEqualTo(2.0 / 3);
        assertThatThrownBy(() -> RankingMetrics.recallAtK(LIST, RELEVANT, 0, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ndcgWithHitsAtRanksOneAndThree() {
        IntPredicate twoRelevant = Set.of(10, 30)::contains;
        // DCG = 1/log2(2) + 1/log2(4) = 1 + 1/2; ideal with 2 relevant = 1 + 1/log2(3)
        assertThat(RankingMetrics.ndcgAtK(LIST, twoRelevant, 2, 3))
                .isCloseTo((1 + 0.5) / (1 + 1 / LOG2_3), within(1e-12));
        // k = 2 cuts the hit at rank 3: DCG = 1, ideal over min(2, 2) ranks = 1 + 1/log2(3)
        assertThat(RankingMetrics.ndcgAtK(LIST, twoRelevant, 2, 2)).isCloseTo(1 / (1 + 1 / LOG2_3), within(1e-12));
        // three relevant, k = 4: ideal = 1 + 1/log2(3) + 1/log2(4)
        assertThat(RankingMetrics.ndcgAtK(LIST, RELEVANT, 3, 4))
                .isCloseTo(1.5 / (1 + 1 / LOG2_3 + 0.5), within(1e-12));
        // one relevant item at rank 1 is perfect; nothing relevant in the list is 0
        assertThat(RankingMetrics.ndcgAtK(LIST, Set.of(10)::contains, 1, 4)).isEqualTo(1.0);
        assertThat(RankingMetrics.ndcgAtK(LIST, Set.of(7)::contains, 1, 4)).isEqualTo(0.0);
    }

    @Test
    void coverageIsTheShareOfItemsRecommendedToAnyone() {
        List<int[]> lists = List.of(new int[] {0, 1, 2}, new int[] {2, 3}, new int[] {});
        // items 0, 1, 2, 3 of 10
        assertThat(RankingMetrics.catalogCoverage(lists, 10)).isEqualTo(0.4);
        assertThat(RankingMetrics.catalogCoverage(List.of(), 5)).isEqualTo(0.0);
        assertThatThrownBy(() -> RankingMetrics.catalogCoverage(List.of(new int[] {5}), 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A one-factor model whose full-catalog ranking is known: μ = 3, no biases, item factors
     * q = (2, 1, 0, -1, -2), user factors p = (1, 1, -1, 1). Users 0, 1 and 3 rank m0 > m1 > m2 > m3 > m4
     * (scores 5, 4, 3, 2, 1); user 2 ranks the reverse.
     */
    @Test
    void evaluateRanksTheFullCatalogExcludingTrainItemsAndAveragesOverUsers() {
        IdIndex users = IdIndex.of(List.of("u0", "u1", "u2", "u3"));
        IdIndex items = IdIndex.of(List.of("m0", "m1", "m2", "m3", "m4"));
        SvdModel model = new SvdModel(users.copy(), items.copy(), 1, 3f, new float[4], new float[5],
                new float[] {1, 1, -1, 1}, new float[] {2, 1, 0, -1, -2},
                RatingScale.ONE_TO_FIVE, Map.of(), Map.of());
        Ratings.Builder train = Ratings.builder(users, items);
        train.add("u0", "m0", 5, 0).add("u1", "m1", 5, 0).add("u2", "m4", 5, 0).add("u3", "m2", 3, 0);
        Ratings.Builder test = Ratings.builder(users, items);
        test.add("u0", "m1", 5, 0).add("u0", "m3", 4, 0).add("u0", "m2", 2, 0); // relevant {m1, m3}
        test.add("u1", "m0", 5, 0);                                             // relevant {m0}
        test.add("u2", "m0", 4, 0);                                             // relevant {m0}
        test.add("u3", "m1", 3, 0);                                             // nothing relevant: skipped

        RankingSummary summary = RankingMetrics.evaluate(model, train.build(), test.build(), 2, 4.0);

        // u0: top-2 without m0 = [m1, m2]: 1 hit; P = 1/2, R = 1/2, NDCG = 1 / (1 + 1/log2(3))
        // u1: top-2 without m1 = [m0, m2]: 1 hit; P = 1/2, R = 1,   NDCG = 1
        // u2: top-2 without m4 = [m3, m2]: 0 hits; P = R = NDCG = 0
        double ndcgU0 = 1 / (1 + 1 / LOG2_3);
        assertThat(summary.usersEvaluated()).isEqualTo(3);
        assertThat(summary.k()).isEqualTo(2);
        assertThat(summary.precision()).isCloseTo((0.5 + 0.5 + 0) / 3, within(1e-9));
        assertThat(summary.recall()).isCloseTo((0.5 + 1 + 0) / 3, within(1e-9));
        assertThat(summary.ndcg()).isCloseTo((ndcgU0 + 1 + 0) / 3, within(1e-9));
        // recommended to someone: m0, m1, m2, m3 of 5
        assertThat(summary.catalogCoverage()).isCloseTo(0.8, within(1e-12));

        // A lower threshold makes u3's rating of 3 relevant: top-2 without m2 = [m0, m1], a hit at rank 2.
        RankingSummary lenient = RankingMetrics.evaluate(model, train.build(), test.build(), 2, 3.0);
        assertThat(lenient.usersEvaluated()).isEqualTo(4);
        // u0's m2 (rated 2) stays irrelevant; u3: P = 1/2, R = 1, NDCG = (1/log2(3)) / 1
        assertThat(lenient.precision()).isCloseTo((0.5 + 0.5 + 0 + 0.5) / 4, within(1e-9));
        assertThat(lenient.ndcg()).isCloseTo((ndcgU0 + 1 + 0 + 1 / LOG2_3) / 4, within(1e-9));
    }

    @Test
    void itemsAlsoInTrainAreNotRelevantAndUnknownUsersGetTheColdRanking() {
        IdIndex users = IdIndex.of(List.of("u0"));
        IdIndex items = IdIndex.of(List.of("m0", "m1", "m2"));
        // item biases rank m2 > m1 > m0 for a user without factors
        SvdModel model = new SvdModel(users.copy(), items.copy(), 1, 3f, new float[1], new float[] {-1, 0, 1},
                new float[] {1}, new float[] {3, 0, 0}, RatingScale.ONE_TO_FIVE, Map.of(), Map.of());
        Ratings.Builder train = Ratings.builder(users, items);
        train.add("u0", "m0", 5, 0);
        Ratings.Builder test = Ratings.builder(users, items);
        test.add("u0", "m0", 5, 0);        // re-rated train item: not relevant, so u0 is skipped
        test.add("newcomer", "m1", 5, 0);  // unknown to the model: ranked by item bias [m2, m1]
        test.add("newcomer", "m1", 4, 0);  // a duplicate counts once

        RankingSummary summary = RankingMetrics.evaluate(model, train.build(), test.build(), 2);

        assertThat(summary.usersEvaluated()).isEqualTo(1);
        assertThat(summary.precision()).isEqualTo(0.5);
        assertThat(summary.recall()).isEqualTo(1.0);
        assertThat(summary.ndcg()).isCloseTo(1 / LOG2_3, within(1e-12));
        assertThat(summary.catalogCoverage()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void noRelevantUsersGivesNaN() {
        IdIndex users = IdIndex.of(List.of("u0"));
        IdIndex items = IdIndex.of(List.of("m0"));
        SvdModel model = new SvdModel(users, items, 1, 3f, new float[1], new float[1], new float[1],
                new float[1], RatingScale.ONE_TO_FIVE, Map.of(), Map.of());
        Ratings empty = Ratings.builder(users, items).build();
        Ratings test = Ratings.builder(users, items).add("u0", "m0", 1, 0).build();
        RankingSummary summary = RankingMetrics.evaluate(model, empty, test, 5);
        assertThat(summary.usersEvaluated()).isZero();
        assertThat(summary.precision()).isNaN();
        assertThatThrownBy(() -> RankingMetrics.evaluate(model, Ratings.builder().build(), test, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
