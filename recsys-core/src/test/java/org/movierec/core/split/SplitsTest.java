package org.movierec.core.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.movierec.core.data.Ratings;

class SplitsTest {

    /** {@code n} ratings whose time is their row number, so every row is identified by its time. */
    private static Ratings rowsNumberedByTime(int n) {
        Ratings.Builder b = Ratings.builder();
        for (int r = 0; r < n; r++) {
            b.add("u" + (r % 7), "m" + (r % 11), 1 + r % 5, r);
        }
        return b.build();
    }

    private static List<Long> times(Ratings ratings) {
        List<Long> times = new ArrayList<>();
        for (int r = 0; r < ratings.size(); r++) {
            times.add(ratings.time(r));
        }
        return times;
    }

    @Test
    void kFoldTestSetsAreDisjointCoverEveryRowOnceAndDifferInSizeByAtMostOne() {
        Ratings all = rowsNumberedByTime(103);
        List<Split> folds = Splits.kFold(all, 5, 7);

        assertThat(folds).hasSize(5);
        List<Long> allTestRows = new ArrayList<>();
        for (Split fold : folds) {
            assertThat(fold.train().users()).isSameAs(all.users());
            assertThat(fold.test().items()).isSameAs(all.items());
            Set<Long> train = new HashSet<>(times(fold.train()));
            Set<Long> test = new HashSet<>(times(fold.test()));
            assertThat(train).doesNotContainAnyElementsOf(test);
            assertThat(train.size() + test.size()).isEqualTo(103);
            // both keep table order
            assertThat(times(fold.test())).isSorted();
            assertThat(times(fold.train())).isSorted();
            allTestRows.addAll(test);
        }
        assertThat(allTestRows).hasSize(103).doesNotHaveDuplicates();
        assertThat(folds).allSatisfy(f -> assertThat(f.test().size()).isBetween(20, 21));
        // the rows keep their values
        Ratings firstTest = folds.get(0).test();
        int row = (int) firstTest.time(0);
        assertThat(firstTest.value(0)).isEqualTo(all.value(row));
        assertThat(firstTest.users().idAt(firstTest.user(0))).isEqualTo("u" + (row % 7));
    }

    @Test
    void kFoldIsDeterministicForASeedAndValidatesK() {
        Ratings all = rowsNumberedByTime(50);
        assertThat(times(Splits.kFold(all, 3, 1).get(0).test())).isEqualTo(times(Splits.kFold(all, 3, 1).get(0).test()));
        assertThat(times(Splits.kFold(all, 3, 1).get(0).test())).isNotEqualTo(times(Splits.kFold(all, 3, 2).get(0).test()));
        assertThatThrownBy(() -> Splits.kFold(all, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Splits.kFold(all, 51, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomSplitTakesTheRoundedFraction() {
        Split split = Splits.random(rowsNumberedByTime(101), 0.2, 3);
        assertThat(split.test().size()).isEqualTo(20);
        assertThat(split.train().size()).isEqualTo(81);
        assertThat(times(split.train())).doesNotContainAnyElementsOf(times(split.test()));
        assertThatThrownBy(() -> Splits.random(rowsNumberedByTime(10), 1.0, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void byTimePutsExactlyTheNewestRowsInTestBreakingTiesByRowOrder() {
        // time by row:  0:50 1:10 2:30 3:30 4:20 5:30 6:40 7:30
        // newest 4 (8 * 0.5): 50 (row 0), 40 (row 6), then two of the four 30s, the last rows: 7 and 5
        long[] times = {50, 10, 30, 30, 20, 30, 40, 30};
        Ratings.Builder b = Ratings.builder();
        for (int r = 0; r < times.length; r++) {
            b.add("u" + r, "m" + r, 3, times[r]);
        }
        Ratings all = b.build();

        Split split = Splits.byTime(all, 0.5);

        assertThat(itemIds(split.test())).containsExactly("m0", "m5", "m6", "m7");
        assertThat(itemIds(split.train())).containsExactly("m1", "m2", "m3", "m4");
    }

    @Test
    void byTimeCutoffSplitsAtTheMoment() {
        Ratings all = rowsNumberedByTime(10);
        Split split = Splits.byTimeCutoff(all, 7);
        assertThat(times(split.test())).containsExactly(7L, 8L, 9L);
        assertThat(times(split.train())).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void lastPerUserMovesEachUsersNewestRatingsAndKeepsOneInTraining() {
        Ratings.Builder b = Ratings.builder();
        // alice: times 5, 1, 9, 3 -> newest two are m2 (9) and m0 (5)
        b.add("alice", "m0", 4, 5).add("alice", "m1", 4, 1).add("alice", "m2", 4, 9).add("alice", "m3", 4, 3);
        // bob: two ratings at the same time: the later row (m5) is newer; with n = 2 one stays in training
        b.add("bob", "m4", 4, 7).add("bob", "m5", 4, 7);
        // carol: one rating stays in training
        b.add("carol", "m6", 4, 2);
        Ratings all = b.build();

        Split split = Splits.lastPerUser(all, 2);

        assertThat(itemIds(split.test())).containsExactly("m0", "m2", "m5");
        assertThat(itemIds(split.train())).containsExactly("m1", "m3", "m4", "m6");
        assertThat(itemIds(Splits.lastPerUser(all, 1).test())).containsExactly("m2", "m5");
    }

    private static List<String> itemIds(Ratings ratings) {
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < ratings.size(); r++) {
            ids.add(ratings.items().idAt(ratings.item(r)));
        }
        return ids;
    }
}
