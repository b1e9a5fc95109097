package org.movierec.retrain.fairness;

import java.util.Arrays;
import java.util.Collection;
import org.movierec.core.data.Ratings;
import org.movierec.core.model.RatedItems;
import org.movierec.core.model.SvdModel;
import org.movierec.core.popularity.PopularityModel;
import org.movierec.core.recommend.Recommendation;
import org.movierec.core.recommend.Recommender;

/**
 * Exposure of a model's recommendations: builds each user's top-k exactly as the service answers it
 * ({@link Recommender#forUser}: training items excluded, unknown users get the popularity fallback) and
 * measures long-tail share, popularity bias, catalog coverage and the Gini of exposure
 * ({@link ExposureMetrics}).
 */
public final class ExposureAudit {

    private ExposureAudit() {
    }

    /**
     * Exposure over the lists of {@code userIds}.
     *
     * @param train     the model's training ratings (popularity and the users' profiles)
     * @param headShare share of the training ratings the popular head holds (e.g. 0.8); the other movies
     *                  are the long tail ({@link PopularityModel#longTail})
     */
    public static ExposureMetrics audit(SvdModel model, Ratings train, Collection<String> userIds, int k,
                                        double headShare) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        PopularityModel popularity = PopularityModel.fit(train);
        boolean[] tailInData = popularity.longTail(headShare);
        int items = model.items().size();
        // popularity and tail flags by the model's item index
        double[] count = new double[items];
        boolean[] tail = new boolean[items];
        for (int i = 0; i < items; i++) {
            int d = train.items().indexOf(model.items().idAt(i));
            count[i] = d >= 0 && d < popularity.items().size() ? popularity.count(d) : 0;
            tail[i] = d < 0 || d >= tailInData.length || tailInData[d];
        }
        Recommender recommender = new Recommender(model);
        RatedItems rated = model.ratedItems();
        long[] exposure = new long[items];
        long slots = 0;
        long tailSlots = 0;
        double recommendedPopularity = 0;
        double profilePopularity = 0;
        long profileItems = 0;
        int lists = 0;
        for (String userId : userIds) {
            Recommendation rec = recommender.forUser(userId, k);
            int[] top = Arrays.copyOf(rec.items().items(), rec.items().size());
            for (int item : top) {
                exposure[item]++;
                slots++;
                recommendedPopularity += count[item];
                if (tail[item]) {
                    tailSlots++;
                }
            }
            int user = model.users().indexOf(userId);
            if (user >= 0 && user < rated.users()) {
                for (int item : rated.of(user)) {
                    profilePopularity += count[item];
                    profileItems++;
                }
            }
            lists++;
        }
        int covered = 0;
        for (long e : exposure) {
            if (e > 0) {
                covered++;
            }
        }
        double longTailShare = slots == 0 ? Double.NaN : (double) tailSlots / slots;
        double meanRecommended = slots == 0 ? Double.NaN : recommendedPopularity / slots;
        double meanProfile = profileItems == 0 ? Double.NaN : profilePopularity / profileItems;
        double bias = meanProfile > 0 ? meanRecommended / meanProfile : Double.NaN;
        double coverage = items == 0 ? Double.NaN : (double) covered / items;
        return new ExposureMetrics(lists, k, longTailShare, bias, coverage, gini(exposure));
    }

    /**
     * The Gini coefficient of non-negative {@code counts}: {@code Σ (2i − n − 1) x_(i) / (n Σ x)} over the
     * counts sorted ascending ({@code i} from 1). 0 when all are equal; {@code (n − 1)/n} when one holds
     * everything; NaN when empty or all zero.
     */
    public static double gini(long[] counts) {
        int n = counts.length;
        long[] sorted = counts.clone();
        Arrays.sort(sorted);
        double total = 0;
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            if (sorted[i] < 0) {
                throw new IllegalArgumentException("negative count " + sorted[i]);
            }
            total += sorted[i];
            weighted += (2.0 * (i + 1) - n - 1) * sorted[i];
        }
        return n == 0 || total == 0 ? Double.NaN : weighted / (n * total);
    }
}
