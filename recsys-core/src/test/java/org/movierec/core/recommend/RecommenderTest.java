package org.movierec.core.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.movierec.core.generate.GeneratedData;
import org.movierec.core.generate.GeneratorConfig;
import org.movierec.core.generate.SyntheticDataGenerator;
import org.movierec.core.model.SvdModel;
import org.movierec.core.train.SgdTrainer;
import org.movierec.core.train.TrainingParams;

class RecommenderTest {

    private static final GeneratedData DATA = SyntheticDataGenerator.generate(GeneratorConfig.of(200, 150, 8000, 9));
    private static final SvdModel MODEL =
            new SgdTrainer(TrainingParams.defaults().withFactors(8).withMaxEpochs(10)).train(DATA.ratings()).model();

    @Test
    void aKnownUserNeverGetsAMovieTheyRated() {
        Recommender recommender = new Recommender(MODEL);
        for (int u = 0; u < 200; u++) {
            String user = MODEL.users().idAt(u);
            Recommendation r = recommender.forUser(user, 20);
            assertThat(r.fallback()).isFalse();
            assertThat(r.items().size()).isEqualTo(Math.min(20, 150 - MODEL.ratedItems().count(u)));
            for (int item : r.items().items()) {
                assertThat(MODEL.ratedItems().contains(u, item)).as("user %s got rated item %d", user, item).isFalse();
            }
            float[] s = r.items().scores();
            for (int j = 1; j < s.length; j++) {
                assertThat(s[j]).isLessThanOrEqualTo(s[j - 1]);
            }
        }
    }

    @Test
    void aListDoesNotDependOnTheListsServedBeforeItOnTheSameThread() {
        Recommender used = new Recommender(MODEL);
        for (int u = 0; u < 200; u++) {
            String user = MODEL.users().idAt(u);
            int[] afterOthers = used.forUser(user, 150).items().items();
            int[] alone = new Recommender(MODEL).forUser(user, 150).items().items();
            assertThat(afterOthers).as("user %s: every movie they did not rate, as for a first request", user)
                    .hasSize(150 - MODEL.ratedItems().count(u)).containsExactly(alone);
        }
    }

    @Test
    void aKnownUserOfAnImplicitModelNeverGetsAMovieTheyWatchedInTraining() {
        GeneratedData data = SyntheticDataGenerator.generate(GeneratorConfig.of(200, 150, 6000, 11).withWatchesPerUser(10));
        SvdModel model = new SgdTrainer(TrainingParams.defaults().withFactors(8).withMaxEpochs(5))
                .train(data.ratings(), data.watched()).model();
        Recommender recommender = new Recommender(model);
        int watchedOnly = 0;
        for (int u = 0; u < model.users().size(); u++) {
            int[] implicitSet = model.implicitFactors().orElseThrow().items().of(u);
            int[] listed = recommender.forUser(model.users().idAt(u), 20).items().items();
            assertThat(listed).as("user %d", u).doesNotContain(implicitSet);
            for (int item : implicitSet) {
                watchedOnly += model.ratedItems().contains(u, item) ? 0 : 1;
            }
        }
        assertThat(watchedOnly).as("watched, never rated, in training").isGreaterThan(0);
    }

    @Test
    void anUnknownUserGetsThePopularityFallback() {
        Recommendation r = new Recommender(MODEL).forUser("999999", 20);
        assertThat(r.fallback()).isTrue();
        assertThat(r.items().items()).containsExactly(Arrays.copyOf(MODEL.popularItems(), 20));
        assertThat(r.toLine(MODEL.items())).matches("[0-9]+(,[0-9]+){19}");
    }

    @Test
    void popularSkipsExcludedItems() {
        BitSet excluded = new BitSet();
        excluded.set(MODEL.popularItems()[0]);
        Recommendation r = new Recommender(MODEL).popular(3, excluded);
        assertThat(r.items().items()).containsExactly(MODEL.popularItems()[1], MODEL.popularItems()[2], MODEL.popularItems()[3]);
    }
}
