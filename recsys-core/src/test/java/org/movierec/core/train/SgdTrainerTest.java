package org.movierec.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.core.data.Ratings;
import org.movierec.core.generate.GeneratedData;
import org.movierec.core.generate.GeneratorConfig;
import org.movierec.core.generate.SyntheticDataGenerator;
import org.movierec.core.model.SvdModel;
import org.movierec.core.random.Randoms;

class SgdTrainerTest {

    /** Dense enough that every user and movie is well determined: the model can approach the floor. */
    private static final GeneratedData DATA =
            SyntheticDataGenerator.generate(GeneratorConfig.of(1000, 500, 200_000, 3).withRank(5));

    @Test
    void reachesWithinFivePercentOfTheNoiseFloorOnHeldOutRatings() {
        Ratings all = DATA.ratings();
        int[] perm = Randoms.permutation(all.size(), new SplittableRandom(5));
        int cut = all.size() * 9 / 10;
        Ratings train = all.select(Arrays.copyOfRange(perm, 0, cut));
        Ratings test = all.select(Arrays.copyOfRange(perm, cut, all.size()));

        TrainingResult result = new SgdTrainer(TrainingParams.defaults().withFactors(10).withRegularization(0.05)).train(train);

        double heldOut = rmse(result.model(), test);
        double floor = rmse(DATA.trueModel(), test);
        assertThat(heldOut).as("held-out RMSE against the true model's %.4f", floor).isLessThanOrEqualTo(1.05 * floor);
        // and clearly better than the means alone
        assertThat(heldOut).isLessThan(0.9 * rmse(meansOnly(result.model()), test));
    }

    @Test
    void deterministicForAFixedSeedAndThreadCount() {
        Ratings train = DATA.ratings();
        TrainingParams params = TrainingParams.defaults().withFactors(8).withMaxEpochs(5);
        for (int threads : new int[] {1, 2}) {
            SvdModel a = new SgdTrainer(params.withThreads(threads)).train(train).model();
            SvdModel b = new SgdTrainer(params.withThreads(threads)).train(train).model();
            assertThat(a.userFactors()).isEqualTo(b.userFactors());
            assertThat(a.itemFactors()).isEqualTo(b.itemFactors());
            assertThat(a.userBias()).isEqualTo(b.userBias());
        }
        SvdModel other = new SgdTrainer(params.withThreads(1).withSeed(99)).train(train).model();
        SvdModel base = new SgdTrainer(params.withThreads(1)).train(train).model();
        assertThat(other.itemFactors()).isNotEqualTo(base.itemFactors());
    }

    @Test
    void earlyStoppingKeepsTheBestEpoch() {
        // Almost no regularisation and many factors on little data: it must over-fit, and stop.
        GeneratedData small = SyntheticDataGenerator.generate(GeneratorConfig.of(300, 200, 6000, 4));
        TrainingParams params = TrainingParams.defaults().withRegularization(0.0).withBiasRegularization(0.0)
                .withFactors(50).withMaxEpochs(200).withLearningRateDecay(1.0).withLearningRate(0.02)
                .withValidationFraction(0.2).withPatience(3);
        TrainingResult result = new SgdTrainer(params).train(small.ratings());

        assertThat(result.epochsRun()).isLessThan(200);
        assertThat(result.epochsRun()).isEqualTo(result.bestEpoch() + 3);
        double[] v = result.validationRmse();
        assertThat(result.bestValidationRmse()).isEqualTo(Arrays.stream(v).min().orElseThrow());
        assertThat(result.model().metadata()).containsEntry("bestEpoch", Integer.toString(result.bestEpoch()));
        assertThat(result.trainRatings()).isEqualTo(small.ratings().size() - 1200);
    }

    @Test
    void aDivergingRunKeepsItsBestEpochWhenThereIsOneAndFailsWhenThereIsNot() {
        // SVD++ at a step five times the default: epoch 1 is the best, epoch 3's error is no longer finite
        Ratings ratings = SyntheticDataGenerator.generate(GeneratorConfig.of(943, 1682, 100_000, 7)).ratings();
        TrainingParams tooFast = TrainingParams.defaults().withLearningRate(0.15);
        TrainingResult result = new SgdTrainer(tooFast).train(ratings);
        Map<String, String> metadata = result.model().metadata();
        assertThat(metadata).containsKey("divergedAtEpoch");
        int diverged = Integer.parseInt(metadata.get("divergedAtEpoch"));
        assertThat(result.bestEpoch()).isLessThan(diverged);
        assertThat(result.model().predict(result.model().users().idAt(0), result.model().items().idAt(0)))
                .isFinite();
        assertThatThrownBy(() -> new SgdTrainer(tooFast.withValidationFraction(0)).train(ratings))
                .hasMessageContaining("training diverged");
    }

    @Test
    void usersAndItemsWithoutTrainingRatingsPredictTheMeans() {
        Ratings.Builder b = Ratings.builder();
        b.add("u1", "m1", 5, 0).add("u1", "m2", 3, 0).add("u2", "m1", 4, 0);
        b.users().add("cold-user");
        b.items().add("cold-movie");
        SvdModel model = new SgdTrainer(TrainingParams.defaults().withValidationFraction(0)).train(b.build()).model();
        int cold = model.users().indexOf("cold-user");
        assertThat(model.userBias()[cold]).isZero();
        for (int f = 0; f < model.factors(); f++) {
            assertThat(model.userFactors()[cold * model.factors() + f]).isZero();
        }
        assertThat(model.predict("cold-user", "cold-movie")).isEqualTo(model.globalMean(), org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void rejectsEmptyInputAndBadParameters() {
        assertThatThrownBy(() -> new SgdTrainer(TrainingParams.defaults()).train(Ratings.builder().build()))
                .hasMessageContaining("zero ratings");
        assertThatThrownBy(() -> TrainingParams.defaults().withLearningRate(0)).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> TrainingParams.fromMap(java.util.Map.of("colour", "red"))).hasMessageContaining("unknown hyperparameter");
    }

    @Test
    void paramsRoundTripThroughTheirMap() {
        TrainingParams p = TrainingParams.defaults().withFactors(17).withRegularization(0.123).withSeed(7);
        assertThat(TrainingParams.fromMap(p.toMap())).isEqualTo(p);
    }

    static double rmse(SvdModel model, Ratings test) {
        double se = 0;
        for (int j = 0; j < test.size(); j++) {
            double e = test.value(j) - model.predict(test.user(j), test.item(j));
            se += e * e;
        }
        return Math.sqrt(se / test.size());
    }

    private static SvdModel meansOnly(SvdModel m) {
        return new SvdModel(m.users(), m.items(), m.factors(), m.globalMean(), new float[m.users().size()],
                new float[m.items().size()], new float[m.userFactors().length], new float[m.itemFactors().length],
                m.scale(), m.hyperparameters(), m.metadata());
    }
}
