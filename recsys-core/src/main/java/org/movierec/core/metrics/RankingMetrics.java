package org.movierec.core.metrics;

import java.util.BitSet;
import java.util.Collection;
import java.util.function.IntPredicate;
import org.movierec.core.data.Ratings;
import org.movierec.core.model.SvdModel;
import org.movierec.core.topn.TopNScorer;

/**
 * Top-k ranking metrics: precision@k, recall@k, NDCG@k and catalog coverage.
 *
 * <p>The pure functions ({@link #precisionAtK}, {@link #recallAtK}, {@link #ndcgAtK},
 * {@link #catalogCoverage}) work on one recommendation list; {@link #evaluate} runs the whole protocol
 * for a model.
 *
 * <h2>Protocol of {@link #evaluate}</h2>
 * <ul>
 *   <li><b>Relevance is binary</b>: an item is relevant to a user when the user rated it in the test
 *       set at or above the threshold ({@value #DEFAULT_RELEVANCE_THRESHOLD} by default, for a 1..5
 *       scale) and did not also rate it in the training set (those items are excluded from ranking,
 *       so they could never be hit).</li>
 *   <li><b>Full-catalog ranking</b>: each user's top-k is chosen from every item the model knows,
 *       excluding only the user's training items, exactly as the service would recommend. Unrated
 *       items count as misses even if the user might have liked them, so the numbers are lower than
 *       those of the optimistic "rank only the test items" protocol, but they are the ones that
 *       predict what users see. A user unknown to the model is ranked the way the model answers for
 *       one: with zero bias and zero factors, by item bias.</li>
 *   <li><b>Averaging</b>: over users with at least one relevant test item; the others are not
 *       counted.</li>
 * </ul>
 */
public final class RankingMetrics {

    /** The default relevance threshold on a 1..5 scale: "liked" means rated 4 or 5. */
    public static final double DEFAULT_RELEVANCE_THRESHOLD = 4.0;

    private RankingMetrics() {
    }

    /**
     * Hits among the first {@code k} entries of {@code recommended}, divided by {@code k} (a list
     * shorter than {@code k} is not rewarded for its shortness).
     */
    public static double precisionAtK(int[] recommended, IntPredicate relevant, int k) {
        requirePositive(k);
        return (double) hits(recommended, relevant, k) / k;
    }

    /**
     * Hits among the first {@code k} entries of {@code recommended}, divided by the number of
     * relevant items {@code relevantCount} (at least 1).
     */
    public static double recallAtK(int[] recommended, IntPredicate relevant, int relevantCount, int k) {
        requirePositive(k);
        requireRelevant(relevantCount);
        return (double) hits(recommended, relevant, k) / relevantCount;
    }

    /**
     * Normalised discounted cumulative gain with binary relevance: {@code DCG = Σ 1/log2(rank+1)}
     * over the relevant entries among the first {@code k} (rank 1-based), divided by the ideal DCG,
     * {@code Σ_{rank=1..min(k, relevantCount)} 1/log2(rank+1)}.
     */
    public static double ndcgAtK(int[] recommended, IntPredicate relevant, int relevantCount, int k) {
        requirePositive(k);
        requireRelevant(relevantCount);
        double dcg = 0;
        int n = Math.min(k, recommended.length);
        for (int rank = 1; rank <= n; rank++) {
            if (relevant.test(recommended[rank - 1])) {
                dcg += discount(rank);
            }
        }
        double ideal = 0;
        int idealHits = Math.min(k, relevantCount);
        for (int rank = 1; rank <= idealHits; rank++) {
            ideal += discount(rank);
        }
        return dcg / ideal;
    }

    /**
     * The share of the {@code itemCount} items that appear in at least one of {@code lists}: 1 means
     * every item is recommended to someone, a small value means everyone gets the same few items.
     */
    public static double catalogCoverage(Collection<int[]> lists, int itemCount) {
        if (itemCount < 1) {
            throw new IllegalArgumentException("item count must be >= 1, got " + itemCount);
        }
        BitSet seen = new BitSet(itemCount);
        for (int[] list : lists) {
            for (int item : list) {
                if (item < 0 || item >= itemCount) {
                    throw new IllegalArgumentException("item " + item + " outside 0.." + (itemCount - 1));
                }
                seen.set(item);
            }
        }
        return (double) seen.cardinality() / itemCount;
    }

    /** {@link #evaluate(SvdModel, Ratings, Ratings, int, double)} at the default threshold. */
    public static RankingSummary evaluate(SvdModel model, Ratings train, Ratings test, int k) {
        return evaluate(model, train, test, k, DEFAULT_RELEVANCE_THRESHOLD);
    }

    /**
     * Precision, recall and NDCG at {@code k}, averaged over the test users with at least one relevant
     * item, and the catalog coverage of their top-k lists; see the class comment for the protocol.
     * {@code train} and {@code test} must share their id indices (as a {@code Split}'s do); the model
     * is matched to them by external id.
     */
    public static RankingSummary evaluate(SvdModel model, Ratings train, Ratings test, int k, double threshold) {
        requirePositive(k);
        if (train.users() != test.users() || train.items() != test.items()) {
            throw new IllegalArgumentException("train and test must share their user and item indices");
        }
        int dataItems = test.items().size();
        int modelItems = model.items().size();
        int factors = model.factors();
        int[] userToModel = ModelIndexMap.toModel(test.users(), model.users());
        int[] itemToModel = ModelIndexMap.toModel(test.items(), model.items());
        Ratings.ByUser trainRows = train.byUser();
        Ratings.ByUser testRows = test.byUser();

        TopNScorer scorer = new TopNScorer(model);
        float[] scores = new float[modelItems];
        float[] coldUserFactors = new float[factors];
        BitSet trainItems = new BitSet(dataItems);
        BitSet relevantItems = new BitSet(dataItems);
        BitSet excluded = new BitSet(modelItems);
        BitSet relevantInModel = new BitSet(modelItems);
        BitSet recommended = new BitSet(modelItems);
        IntPredicate isRelevant = relevantInModel::get;

        double precisionSum = 0;
        double recallSum = 0;
        double ndcgSum = 0;
        int evaluated = 0;
        int userCount = test.users().size();
        for (int user = 0; user < userCount; user++) {
            if (testRows.count(user) == 0) {
                continue;
            }
            mark(train, trainRows, user, itemToModel, trainItems, excluded, true);
            int relevantCount = 0;
            for (int j = testRows.offsets()[user]; j < testRows.offsets()[user + 1]; j++) {
                int row = testRows.rows()[j];
                int item = test.item(row);
                if (test.value(row) >= threshold && !trainItems.get(item) && !relevantItems.get(item)) {
                    relevantItems.set(item);
                    relevantCount++;
                    if (itemToModel[item] >= 0) {
                        relevantInModel.set(itemToModel[item]);
                    }
                }
            }
            if (relevantCount > 0) {
                int modelUser = userToModel[user];
                if (modelUser >= 0) {
                    scorer.scoreAll(model.userBias()[modelUser], model.userFactors(), modelUser * factors, scores);
                } else {
                    scorer.scoreAll(0f, coldUserFactors, 0, scores);
                }
                int[] top = TopNScorer.select(scores, k, excluded).items();
                precisionSum += precisionAtK(top, isRelevant, k);
                recallSum += recallAtK(top, isRelevant, relevantCount, k);
                ndcgSum += ndcgAtK(top, isRelevant, relevantCount, k);
                for (int item : top) {
                    recommended.set(item);
                }
                evaluated++;
            }
            mark(train, trainRows, user, itemToModel, trainItems, excluded, false);
            mark(test, testRows, user, itemToModel, relevantItems, relevantInModel, false);
        }
        double coverage = modelItems == 0 ? Double.NaN : (double) recommended.cardinality() / modelItems;
        if (evaluated == 0) {
            return new RankingSummary(k, threshold, 0, Double.NaN, Double.NaN, Double.NaN, coverage);
        }
        return new RankingSummary(k, threshold, evaluated, precisionSum / evaluated, recallSum / evaluated,
                ndcgSum / evaluated, coverage);
    }

    /**
     * Sets (or clears) the bits of {@code user}'s items in {@code ratings}: in {@code dataBits} by data
     * index, in {@code modelBits} by model index. Clearing only the bits that were set keeps the
     * per-user cost proportional to the user's ratings, not to the catalog.
     */
    private static void mark(Ratings ratings, Ratings.ByUser rows, int user, int[] itemToModel,
                             BitSet dataBits, BitSet modelBits, boolean value) {
        if (rows.count(user) == 0) {
            return;
        }
        for (int j = rows.offsets()[user]; j < rows.offsets()[user + 1]; j++) {
            int item = ratings.item(rows.rows()[j]);
            dataBits.set(item, value);
            if (itemToModel[item] >= 0) {
                modelBits.set(itemToModel[item], value);
            }
        }
    }

    private static int hits(int[] recommended, IntPredicate relevant, int k) {
        int n = Math.min(k, recommended.length);
        int hits = 0;
        for (int j = 0; j < n; j++) {
            if (relevant.test(recommended[j])) {
                hits++;
            }
        }
        return hits;
    }

    /** {@code 1 / log2(rank + 1)}: 1 at rank 1, 1/log2(3) at rank 2, 1/2 at rank 3. */
    private static double discount(int rank) {
        return Math.log(2) / Math.log(rank + 1);
    }

    private static void requirePositive(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
    }

    private static void requireRelevant(int relevantCount) {
        if (relevantCount < 1) {
            throw new IllegalArgumentException("relevant count must be >= 1, got " + relevantCount);
        }
    }
}
