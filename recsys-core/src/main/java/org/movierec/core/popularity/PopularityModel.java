package org.movierec.core.popularity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.movierec.core.data.Ratings;
import org.movierec.core.ids.IdIndex;

/**
 * Item popularity for cold start: what to recommend to a user the factor model knows nothing about,
 * and which items are the popular head or the long tail.
 *
 * <p>Each item {@code i} with {@code n} ratings summing to {@code Σr} scores its Bayesian average
 * <pre>    score(i) = (C·m + Σr) / (C + n)</pre>
 * where {@code m} is the global mean rating and {@code C} the prior count: the item's mean is shrunk
 * towards {@code m} as if it had {@code C} extra ratings of exactly {@code m}, so an item rated 5 once
 * does not outrank one rated 4.8 by thousands. By default {@code C} is the mean number of ratings per
 * rated item. An item with no ratings scores {@code m}.
 *
 * <p>The {@linkplain #ranking() ranking} puts every rated item before every unrated one; rated items
 * go by score, higher first, then by count, higher first, then by item index; unrated items by item
 * index. It is therefore deterministic and a total order.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class PopularityModel {

    private final IdIndex items;
    private final double globalMean;
    private final double priorCount;
    private final int[] counts;
    private final double[] sums;
    private final double[] scores;
    private final int[] ranking;
    private final long totalRatings;

    private PopularityModel(IdIndex items, double globalMean, double priorCount, int[] counts, double[] sums,
                            long totalRatings) {
        this.items = items;
        this.globalMean = globalMean;
        this.priorCount = priorCount;
        this.counts = counts;
        this.sums = sums;
        this.totalRatings = totalRatings;
        this.scores = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            scores[i] = counts[i] == 0 ? globalMean : (priorCount * globalMean + sums[i]) / (priorCount + counts[i]);
        }
        this.ranking = rank(counts, scores);
    }

    /**
     * Fits the model with the default prior count: the mean number of ratings per rated item (0 for a
     * table without ratings).
     */
    public static PopularityModel fit(Ratings ratings) {
        int[] counts = ratings.countsPerItem();
        int rated = 0;
        for (int c : counts) {
            if (c > 0) {
                rated++;
            }
        }
        return fit(ratings, rated == 0 ? 0 : (double) ratings.size() / rated);
    }

    /**
     * Fits the model with prior count {@code priorCount}: 0 ranks by raw mean, larger values pull
     * sparsely rated items more strongly towards the global mean.
     *
     * @throws IllegalArgumentException if {@code priorCount} is negative or not finite
     */
    public static PopularityModel fit(Ratings ratings, double priorCount) {
        if (!(priorCount >= 0) || Double.isInfinite(priorCount)) {
            throw new IllegalArgumentException("prior count must be finite and >= 0, got " + priorCount);
        }
        IdIndex items = ratings.items().copy();
        int[] counts = new int[items.size()];
        double[] sums = new double[items.size()];
        for (int r = 0; r < ratings.size(); r++) {
            int item = ratings.item(r);
            counts[item]++;
            sums[item] += ratings.value(r);
        }
        return new PopularityModel(items, ratings.mean(), priorCount, counts, sums, ratings.size());
    }

    /** Items in ranking order; see the class comment. */
    private static int[] rank(int[] counts, double[] scores) {
        Integer[] order = new Integer[counts.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Comparator<Integer> bestFirst = Comparator
                .comparing((Integer i) -> counts[i] == 0)
                .thenComparing((Integer i) -> scores[i], Comparator.reverseOrder())
                .thenComparing((Integer i) -> counts[i], Comparator.reverseOrder())
                .thenComparing(Comparator.naturalOrder());
        Arrays.sort(order, bestFirst);
        int[] ranking = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            ranking[k] = order[k];
        }
        return ranking;
    }

    /** The items the model was fitted on: a snapshot of the ratings' item index at fit time. */
    public IdIndex items() {
        return items;
    }

    /** The global mean rating {@code m}, 0 for a table without ratings. */
    public double globalMean() {
        return globalMean;
    }

    /** The prior count {@code C}. */
    public double priorCount() {
        return priorCount;
    }

    /** The Bayesian average of {@code item}; the global mean for an item without ratings. */
    public double score(int item) {
        return scores[item];
    }

    /** The number of ratings of {@code item}. */
    public int count(int item) {
        return counts[item];
    }

    /** The plain mean rating of {@code item}, or NaN if it has no ratings. */
    public double mean(int item) {
        return counts[item] == 0 ? Double.NaN : sums[item] / counts[item];
    }

    /** All items, best first; a fresh copy. */
    public int[] ranking() {
        return ranking.clone();
    }

    /** The external ids of the best {@code n} items (fewer if there are fewer items), best first. */
    public List<String> top(int n) {
        requireNonNegative(n);
        int k = Math.min(n, ranking.length);
        List<String> ids = new ArrayList<>(k);
        for (int r = 0; r < k; r++) {
            ids.add(items.idAt(ranking[r]));
        }
        return ids;
    }

    /**
     * The indices of the best {@code n} items for which {@code exclude} is false (for example, movies
     * the user has already rated), best first; fewer if fewer items remain.
     */
    public int[] top(int n, IntPredicate exclude) {
        requireNonNegative(n);
        Objects.requireNonNull(exclude, "exclude");
        int[] top = new int[Math.min(n, ranking.length)];
        int k = 0;
        for (int r = 0; r < ranking.length && k < top.length; r++) {
            int item = ranking[r];
            if (!exclude.test(item)) {
                top[k++] = item;
            }
        }
        return k == top.length ? top : Arrays.copyOf(top, k);
    }

    /**
     * Marks the long tail: {@code true} for every item outside the popular head.
     *
     * <p>The head is the smallest set of most-rated items that together hold at least
     * {@code headShare} of all ratings: items are taken by rating count, higher first (equal counts by
     * item index), until their counts add up to {@code ceil(headShare × total)}. {@code headShare} is
     * taken at its shortest decimal value, so {@code 0.3} of 10 ratings is exactly 3. With
     * {@code headShare = 0} the head is empty and every item is in the tail; with 1 the head is every
     * rated item. Unrated items are always in the tail.
     *
     * @param headShare the share of all ratings the head holds, in {@code [0, 1]}
     * @return by item index, {@code true} for long-tail items
     * @throws IllegalArgumentException if {@code headShare} is outside {@code [0, 1]}
     */
    public boolean[] longTail(double headShare) {
        if (!(headShare >= 0 && headShare <= 1)) {
            throw new IllegalArgumentException("head share must be in [0, 1], got " + headShare);
        }
        long needed = BigDecimal.valueOf(headShare).multiply(BigDecimal.valueOf(totalRatings))
                .setScale(0, RoundingMode.CEILING).longValueExact();
        boolean[] tail = new boolean[counts.length];
        Arrays.fill(tail, true);
        long covered = 0;
        for (int item : byCount()) {
            if (covered >= needed) {
                break;
            }
            tail[item] = false;
            covered += counts[item];
        }
        return tail;
    }

    /** Items by rating count, higher first, equal counts by item index. */
    private int[] byCount() {
        Integer[] order = new Integer[counts.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing((Integer i) -> counts[i], Comparator.reverseOrder())
                .thenComparing(Comparator.naturalOrder()));
        int[] items = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            items[k] = order[k];
        }
        return items;
    }

    private static void requireNonNegative(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
    }

    @Override
    public String toString() {
        return "PopularityModel[" + counts.length + " items, " + totalRatings + " ratings, prior count "
                + priorCount + "]";
    }
}
