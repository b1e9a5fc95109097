package org.movierec.core.popularity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.movierec.core.data.Ratings;
import org.movierec.core.ids.IdIndex;

class PopularityModelTest {

    // Items in index order: a=0, b=1, c=2, d=3, e=4 (known but unrated).
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;
    private static final int D = 3;
    private static final int E = 4;

    /**
     * a: 5 5 (n=2, Σ=10); b: 4 4 4 4 (n=4, Σ=16); c: 1 (n=1, Σ=1); d: 3 2 4 (n=3, Σ=9); e: none.
     * 10 ratings summing to 36: m = 3.6; 4 rated items: default C = 10 / 4 = 2.5, so C·m = 9.
     */
    private static Ratings table() {
        IdIndex items = IdIndex.of(List.of("amélie+2001", "b", "c", "d", "e"));
        Ratings.Builder builder = Ratings.builder(new IdIndex(), items);
        add(builder, "amélie+2001", 5, 5);
        add(builder, "b", 4, 4, 4, 4);
        add(builder, "c", 1);
        add(builder, "d", 3, 2, 4);
        return builder.build();
    }

    private static void add(Ratings.Builder builder, String item, double... ratings) {
        int user = 0;
        for (double r : ratings) {
            builder.add("user" + user++, item, r, 0);
        }
    }

    @Test
    void bayesianAveragesWithTheDefaultPriorCount() {
        PopularityModel model = PopularityModel.fit(table());

        assertThat(model.globalMean()).isCloseTo(3.6, within(1e-12));
        assertThat(model.priorCount()).isEqualTo(2.5);
        assertThat(model.score(A)).isCloseTo(19 / 4.5, within(1e-12));
        assertThat(model.score(B)).isCloseTo(25 / 6.5, within(1e-12));
        assertThat(model.score(C)).isCloseTo(10 / 3.5, within(1e-12));
        assertThat(model.score(D)).isCloseTo(18 / 5.5, within(1e-12));
        assertThat(model.score(E)).isCloseTo(3.6, within(1e-12));
        assertThat(new int[] {model.count(A), model.count(B), model.count(C), model.count(D), model.count(E)})
                .containsExactly(2, 4, 1, 3, 0);
        assertThat(model.mean(D)).isEqualTo(3.0);
        assertThat(model.mean(E)).isNaN();
    }

    @Test
    void rankingIsByScoreAndUnratedItemsComeLast() {
        PopularityModel model = PopularityModel.fit(table());

        // e scores the global mean 3.6, above c and d, but has no ratings.
        assertThat(model.ranking()).containsExactly(A, B, D, C, E);
        assertThat(model.top(3)).containsExactly("amélie+2001", "b", "d");
        assertThat(model.top(99)).containsExactly("amélie+2001", "b", "d", "c", "e");
        assertThat(model.top(0)).isEmpty();
    }

    @Test
    void configurablePriorCountChangesTheRanking() {
        // With C = 0 the score is the plain mean; with a huge C the item with most ratings above m wins.
        PopularityModel raw = PopularityModel.fit(table(), 0);
        PopularityModel strong = PopularityModel.fit(table(), 1000);

        assertThat(raw.score(A)).isEqualTo(5.0);
        assertThat(raw.score(C)).isEqualTo(1.0);
        assertThat(raw.ranking()).containsExactly(A, B, D, C, E);
        // (3600 + 10) / 1002 = 3.6028 for a, (3600 + 16) / 1004 = 3.6016 for b: a still first;
        // d: (3600 + 9) / 1003 = 3.5982, c: (3600 + 1) / 1001 = 3.5974.
        assertThat(strong.score(A)).isCloseTo(3610.0 / 1002, within(1e-12));
        assertThat(strong.score(B)).isCloseTo(3616.0 / 1004, within(1e-12));
        assertThat(strong.ranking()).containsExactly(A, B, D, C, E);
    }

    @Test
    void tiesAreBrokenByCountThenIndex() {
        IdIndex items = IdIndex.of(List.of("x", "y", "z", "u1", "u2", "w"));
        Ratings.Builder builder = Ratings.builder(new IdIndex(), items);
        add(builder, "x", 4);
        add(builder, "y", 4, 4);
        add(builder, "z", 4, 4);
        add(builder, "w", 5, 3);
        PopularityModel model = PopularityModel.fit(builder.build(), 0);

        // x, y, z and w all average 4. Two ratings beat one (y, z, w before x); equal counts go by index
        // (y, z, w); the unrated u1 and u2 come last.
        assertThat(model.ranking()).containsExactly(1, 2, 5, 0, 3, 4);
    }

    @Test
    void topSkipsExcludedItems() {
        PopularityModel model = PopularityModel.fit(table());

        assertThat(model.top(2, item -> item == A)).containsExactly(B, D);
        assertThat(model.top(10, item -> item == B || item == C)).containsExactly(A, D, E);
        assertThat(model.top(3, item -> true)).isEmpty();
        assertThat(model.top(5, item -> false)).containsExactly(A, B, D, C, E);
    }

    @Test
    void longTailIsEverythingOutsideTheSmallestHeadCoveringTheShare() {
        // Counts: a 2, b 4, c 1, d 3, e 0; 10 ratings. By count: b, d, a, c, e.
        PopularityModel model = PopularityModel.fit(table());

        assertThat(model.longTail(0.2)).containsExactly(true, false, true, true, true);   // b's 4 >= 2
        assertThat(model.longTail(0.4)).containsExactly(true, false, true, true, true);   // b's 4 >= 4
        assertThat(model.longTail(0.41)).containsExactly(true, false, true, false, true); // 4 < 4.1, b+d 7 >= 5
        assertThat(model.longTail(0.7)).containsExactly(true, false, true, false, true);  // b+d 7 >= 7, exactly
        assertThat(model.longTail(0.9)).containsExactly(false, false, true, false, true); // b+d+a 9 >= 9
        assertThat(model.longTail(1)).containsExactly(false, false, false, false, true);  // all rated items
        assertThat(model.longTail(0)).containsOnly(true);
    }

    @Test
    void longTailBreaksEqualCountsByIndex() {
        IdIndex items = IdIndex.of(List.of("p", "q", "r"));
        Ratings.Builder builder = Ratings.builder(new IdIndex(), items);
        add(builder, "r", 3, 3);
        add(builder, "q", 3, 3);
        add(builder, "p", 3);
        PopularityModel model = PopularityModel.fit(builder.build());

        // 0.3 of 5 ratings needs ceil(1.5) = 2: q alone (count 2, lower index than r).
        assertThat(model.longTail(0.3)).containsExactly(true, false, true);
        assertThat(model.longTail(0.6)).containsExactly(true, false, false);
    }

    @Test
    void unratedTableScoresEverythingTheSameAndRanksByIndex() {
        IdIndex items = IdIndex.of(List.of("a", "b", "c"));
        PopularityModel model = PopularityModel.fit(Ratings.builder(new IdIndex(), items).build());

        assertThat(model.priorCount()).isZero();
        assertThat(model.score(1)).isZero();
        assertThat(model.ranking()).containsExactly(0, 1, 2);
        assertThat(model.longTail(0.5)).containsOnly(true);
    }

    @Test
    void itemsAreASnapshotAndRankingIsACopy() {
        Ratings ratings = table();
        PopularityModel model = PopularityModel.fit(ratings);

        ratings.items().add("added+later");
        model.ranking()[0] = 99;

        assertThat(model.items().size()).isEqualTo(5);
        assertThat(model.ranking()[0]).isEqualTo(A);
    }

    @Test
    void rankingIsAPermutationOrderedByScoreOnRandomData() {
        Random rnd = new Random(7);
        Ratings.Builder builder = Ratings.builder();
        for (int k = 0; k < 5_000; k++) {
            int item = (int) Math.abs(rnd.nextGaussian() * 60);
            builder.add("u" + rnd.nextInt(300), "m" + item, 1 + rnd.nextInt(5), 0);
        }
        PopularityModel model = PopularityModel.fit(builder.build());
        int[] ranking = model.ranking();

        assertThat(Arrays.stream(ranking).sorted().toArray())
                .containsExactly(IntStream.range(0, model.items().size()).toArray());
        for (int r = 1; r < ranking.length; r++) {
            int prev = ranking[r - 1];
            int cur = ranking[r];
            assertThat(model.score(prev) > model.score(cur)
                    || model.score(prev) == model.score(cur) && (model.count(prev) > model.count(cur)
                    || model.count(prev) == model.count(cur) && prev < cur)).as("rank %d", r).isTrue();
        }
    }

    @Test
    void invalidArgumentsAreRejected() {
        PopularityModel model = PopularityModel.fit(table());

        assertThatThrownBy(() -> PopularityModel.fit(table(), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PopularityModel.fit(table(), Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.longTail(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.top(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
