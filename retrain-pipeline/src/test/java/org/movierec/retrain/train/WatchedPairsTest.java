package org.movierec.retrain.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.movierec.core.data.ImplicitFeedback;
import org.movierec.core.data.Ratings;
import org.movierec.core.ids.IdIndex;
import org.movierec.core.model.SvdModel;
import org.movierec.core.split.Split;
import org.movierec.retrain.params.RetrainParams;
import org.movierec.retrain.snapshot.Watch;

class WatchedPairsTest {

    /** Train: users 1 and 2 rate a and b up to t=100; holdout: user 1 rates c at t=200. */
    static Split split() {
        IdIndex users = new IdIndex();
        IdIndex items = new IdIndex();
        Ratings train = Ratings.builder(users, items).add("1", "a", 5, 10).add("1", "b", 3, 20)
                .add("2", "a", 4, 30).add("2", "b", 2, 100).build();
        Ratings test = Ratings.builder(users, items).add("1", "c", 4, 200).build();
        return new Split(train, test);
    }

    static List<String> pairs(ImplicitFeedback f, Split s) {
        List<String> pairs = new ArrayList<>();
        for (int r = 0; r < f.size(); r++) {
            pairs.add(s.train().users().idAt(f.user(r)) + " " + s.train().items().idAt(f.item(r)));
        }
        return pairs;
    }

    @Test
    void keepsWatchesOfTrainedMoviesUpToTheNewestTrainingRatingAndNoHoldoutPair() {
        Split s = split();
        List<Watch> watches = List.of(
                new Watch("1", "a", 90, 5), // rated too: kept, the trainer counts it once
                new Watch("1", "c", 30, 150), // the holdout pair: dropped
                new Watch("2", "c", 30, 50), // movie with no training rating: dropped
                new Watch("3", "a", 80, 60), // a user who only watched: kept, a new user of the model
                new Watch("3", "b", 20, 100), // at the newest training rating: kept
                new Watch("4", "b", 20, 101)); // after it: dropped

        ImplicitFeedback f = WatchedPairs.of(s, watches);

        assertThat(pairs(f, s)).containsExactly("1 a", "3 a", "3 b");
        assertThat(s.train().users().indexOf("3")).isGreaterThan(s.train().users().indexOf("1"));
        assertThat(s.train().users().indexOf("4")).isEqualTo(-1);
    }

    @Test
    void anSvdppRunMakesUsersWhoOnlyWatchedUsersOfTheModelAndTheExplicitOneIgnoresWatches() {
        RetrainParams params = RetrainParams.ofDefaults().with("train.factors", 4).with("train.epochs", 5)
                .with("train.validationFraction", 0.0);
        List<Watch> watches = List.of(new Watch("3", "a", 80, 60), new Watch("3", "b", 20, 70));

        SvdModel svdpp = TrainStage.train(split(), watches, params);
        assertThat(svdpp.implicitFactors()).isPresent();
        int watcher = svdpp.users().indexOf("3");
        assertThat(watcher).isNotNegative();
        assertThat(svdpp.implicitFactors().get().items().count(watcher)).isEqualTo(2);

        SvdModel explicit = TrainStage.train(split(), watches, params.with("train.algorithm", "sgd-biased-mf"));
        assertThat(explicit.implicitFactors()).isEmpty();
    }
}
