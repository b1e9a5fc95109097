package org.movierec.core.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.movierec.core.data.Ratings;
import org.movierec.core.random.Randoms;

/**
 * Ways to cut a ratings table into training and test sets. Every split keeps each set's rows in
 * table order and shares the table's id indices.
 *
 * <h2>Which one to use</h2>
 * <ul>
 *   <li>{@link #kFold} and {@link #random}: ratings assigned to test at random. Right for comparing
 *       algorithms or tuning hyperparameters on a fixed snapshot, and the protocol of published
 *       benchmarks (MovieLens u1..u5). They let the model learn from the future of a test rating, so
 *       they over-state the quality a deployed model reaches when tastes, the catalog or the users
 *       change over time.</li>
 *   <li>{@link #byTime} and {@link #byTimeCutoff}: everything before a moment trains, everything
 *       after tests. This is what a deployed model faces (it is retrained on the past and serves the
 *       future, including users and movies it has never seen), so use it to decide whether to ship a
 *       model and to estimate online quality.</li>
 *   <li>{@link #lastPerUser}: each user's newest ratings test (leave-last-n). Every test user is
 *       known to the model, so it measures "what next" for returning users, the usual protocol for
 *       top-N ranking; it still leaks other users' later ratings into training.</li>
 * </ul>
 */
public final class Splits {

    private Splits() {
    }

    /**
     * {@code k} random folds: the rows are shuffled by {@code seed} and cut into {@code k} disjoint
     * test sets whose sizes differ by at most one and which together hold every row exactly once;
     * fold {@code f}'s training set is every other row.
     */
    public static List<Split> kFold(Ratings ratings, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("k-fold needs k >= 2, got " + k);
        }
        int n = ratings.size();
        if (k > n) {
            throw new IllegalArgumentException("k-fold needs at least k = " + k + " ratings, got " + n);
        }
        int[] order = Randoms.permutation(n, new SplittableRandom(seed));
        List<Split> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int from = (int) ((long) f * n / k);
            int to = (int) ((long) (f + 1) * n / k);
            boolean[] inTest = new boolean[n];
            for (int j = from; j < to; j++) {
                inTest[order[j]] = true;
            }
            folds.add(split(ratings, inTest));
        }
        return folds;
    }

    /**
     * A random {@code testFraction} (rounded to whole rows) of the ratings, chosen by {@code seed}, to
     * test; the rest to train.
     */
    public static Split random(Ratings ratings, double testFraction, long seed) {
        int n = ratings.size();
        int testSize = testSize(n, testFraction);
        int[] order = Randoms.permutation(n, new SplittableRandom(seed));
        boolean[] inTest = new boolean[n];
        for (int j = 0; j < testSize; j++) {
            inTest[order[j]] = true;
        }
        return split(ratings, inTest);
    }

    /**
     * The newest {@code testFraction} (rounded to whole rows) of the ratings to test, the rest to
     * train: a global time cutoff. Among ratings with the same time, later rows count as newer.
     */
    public static Split byTime(Ratings ratings, double testFraction) {
        int n = ratings.size();
        int testSize = testSize(n, testFraction);
        boolean[] inTest = new boolean[n];
        if (testSize > 0) {
            long[] times = new long[n];
            for (int r = 0; r < n; r++) {
                times[r] = ratings.time(r);
            }
            Arrays.sort(times);
            long oldestTestTime = times[n - testSize];
            // Every row strictly newer than the oldest test time is in; rows at exactly that time fill
            // the remaining places, the last rows first.
            int remaining = testSize;
            for (int r = 0; r < n; r++) {
                if (ratings.time(r) > oldestTestTime) {
                    inTest[r] = true;
                    remaining--;
                }
            }
            for (int r = n - 1; r >= 0 && remaining > 0; r--) {
                if (ratings.time(r) == oldestTestTime) {
                    inTest[r] = true;
                    remaining--;
                }
            }
        }
        return split(ratings, inTest);
    }

    /** Ratings at or after {@code cutoffEpochSeconds} to test, earlier ones to train. */
    public static Split byTimeCutoff(Ratings ratings, long cutoffEpochSeconds) {
        int n = ratings.size();
        boolean[] inTest = new boolean[n];
        for (int r = 0; r < n; r++) {
            inTest[r] = ratings.time(r) >= cutoffEpochSeconds;
        }
        return split(ratings, inTest);
    }

    /**
     * Each user's {@code n} newest ratings to test (leave-last-n), the rest to train; among ratings
     * with the same time, later rows count as newer. A user with {@code n} or fewer ratings keeps the
     * oldest one in training, so every test user is known to the model.
     */
    public static Split lastPerUser(Ratings ratings, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        boolean[] inTest = new boolean[ratings.size()];
        Ratings.ByUser byUser = ratings.byUser();
        int[] offsets = byUser.offsets();
        for (int user = 0; user + 1 < offsets.length; user++) {
            int count = offsets[user + 1] - offsets[user];
            int toTest = Math.min(n, count - 1);
            if (toTest <= 0) {
                continue;
            }
            // The user's rows are in table order; a stable sort by time puts the newest last.
            Integer[] rows = new Integer[count];
            for (int j = 0; j < count; j++) {
                rows[j] = byUser.rows()[offsets[user] + j];
            }
            Arrays.sort(rows, (a, b) -> Long.compare(ratings.time(a), ratings.time(b)));
            for (int j = count - toTest; j < count; j++) {
                inTest[rows[j]] = true;
            }
        }
        return split(ratings, inTest);
    }

    private static int testSize(int n, double testFraction) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0,1), got " + testFraction);
        }
        return (int) Math.round(n * testFraction);
    }

    /** Rows with {@code inTest[r]} to test, the others to train, each in table order. */
    private static Split split(Ratings ratings, boolean[] inTest) {
        int testCount = 0;
        for (boolean t : inTest) {
            if (t) {
                testCount++;
            }
        }
        int[] trainRows = new int[inTest.length - testCount];
        int[] testRows = new int[testCount];
        int nextTrain = 0;
        int nextTest = 0;
        for (int r = 0; r < inTest.length; r++) {
            if (inTest[r]) {
                testRows[nextTest++] = r;
            } else {
                trainRows[nextTrain++] = r;
            }
        }
        return new Split(ratings.select(trainRows), ratings.select(testRows));
    }
}
