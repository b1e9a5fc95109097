package org.movierec.retrain.train;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.movierec.core.data.ImplicitFeedback;
import org.movierec.core.data.Ratings;
import org.movierec.core.split.Split;
import org.movierec.retrain.snapshot.Watch;

/**
 * The snapshot's watches as the implicit feedback of the training part of a split (Koren 2008, SVD++: the implicit
 * set N(u) is every movie the user is known to have chosen; the trainer adds the rated ones).
 *
 * <p>A watch is kept unless it would tell the model about the holdout:
 * <ul>
 *   <li>its (user, movie) is a holdout rating: watching precedes rating, so the pair would leak which movies the
 *       user is about to rate into the user's vector, and evaluate would score the candidate on ratings it has
 *       partly seen, unlike the production model;</li>
 *   <li>it was first seen after the newest training rating: the future of the training data (with the
 *       {@code time} split, the holdout's period).</li>
 * </ul>
 * and unless its movie has no training rating: such a movie has implicit factors but no trained item factors or
 * bias, and it would enter the model's catalogue to be recommended on a random vector. Users who only watched are
 * kept: that is the point, they become users of the model with a vector from their watches alone.
 */
public final class WatchedPairs {

    private WatchedPairs() {
    }

    /**
     * The watches to train {@code split.train()} with, on its id indices (users who only watched are added to the
     * user index, after every id of the split).
     */
    public static ImplicitFeedback of(Split split, List<Watch> watches) {
        Ratings train = split.train();
        Ratings test = split.test();
        long newestTraining = Long.MIN_VALUE;
        boolean[] trainedItem = new boolean[train.items().size()];
        for (int r = 0; r < train.size(); r++) {
            newestTraining = Math.max(newestTraining, train.time(r));
            trainedItem[train.item(r)] = true;
        }
        Set<String> holdout = new HashSet<>();
        for (int r = 0; r < test.size(); r++) {
            holdout.add(test.users().idAt(test.user(r)) + "\t" + test.items().idAt(test.item(r)));
        }
        ImplicitFeedback.Builder b = ImplicitFeedback.builder(train.users(), train.items());
        for (Watch w : watches) {
            int item = train.items().indexOf(w.movieId());
            if (item < 0 || item >= trainedItem.length || !trainedItem[item] || w.firstSeen() > newestTraining
                    || holdout.contains(w.userId() + "\t" + w.movieId())) {
                continue;
            }
            b.add(w.userId(), w.movieId());
        }
        return b.build();
    }
}
