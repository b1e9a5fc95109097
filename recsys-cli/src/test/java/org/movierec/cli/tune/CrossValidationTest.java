package org.movierec.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.movierec.core.data.Ratings;
import org.movierec.core.generate.GeneratedData;
import org.movierec.core.generate.GeneratorConfig;
import org.movierec.core.generate.SyntheticDataGenerator;
import org.movierec.core.train.TrainingParams;

class CrossValidationTest {

    private static final GeneratedData DATA =
            SyntheticDataGenerator.generate(GeneratorConfig.of(300, 150, 9000, 21).withRank(3));

    private static final TrainingParams PARAMS =
            TrainingParams.defaults().withFactors(5).withMaxEpochs(20).withThreads(1);

    @Test
    void givesFinitePlausibleErrorsPerFold() {
        Ratings ratings = DATA.ratings();

        CvResult cv = CrossValidation.run(ratings, PARAMS, 3, 5);

        assertThat(cv.folds()).isEqualTo(3);
        assertThat(cv.params()).isEqualTo(PARAMS);
        assertThat(Arrays.stream(cv.foldRmse()).allMatch(Double::isFinite)).isTrue();
        // Better than always predicting the mean, and no better than the data's noise allows.
        double meanOnlyRmse = standardDeviation(ratings);
        assertThat(cv.meanRmse()).isLessThan(meanOnlyRmse).isGreaterThan(0.9 * DATA.bayesFloor());
        // MAE never exceeds RMSE, fold by fold
        for (int f = 0; f < 3; f++) {
            assertThat(cv.foldMae()[f]).isPositive().isLessThanOrEqualTo(cv.foldRmse()[f]);
        }
        assertThat(cv.meanRmse()).isCloseTo(Arrays.stream(cv.foldRmse()).average().orElseThrow(), within(1e-12));
        assertThat(cv.stdRmse()).isFinite().isNotNegative();
        assertThat(cv.meanTrainSeconds()).isPositive();
    }

    @Test
    void sameSeedSameResult() {
        CvResult a = CrossValidation.run(DATA.ratings(), PARAMS.withMaxEpochs(5), 2, 9);
        CvResult b = CrossValidation.run(DATA.ratings(), PARAMS.withMaxEpochs(5), 2, 9);
        assertThat(a.foldRmse()).isEqualTo(b.foldRmse());
        assertThat(a.foldMae()).isEqualTo(b.foldMae());
    }

    @Test
    void meanAndSampleStandardDeviation() {
        CvResult cv = new CvResult(PARAMS, new double[] {1, 2, 3}, new double[] {0.5, 0.5, 0.5}, new double[] {1, 1, 4});
        assertThat(cv.meanRmse()).isEqualTo(2.0);
        // squares about the mean 1 + 0 + 1 = 2, over k - 1 = 2: variance 1
        assertThat(cv.stdRmse()).isEqualTo(1.0);
        assertThat(cv.stdMae()).isEqualTo(0.0);
        assertThat(cv.meanTrainSeconds()).isEqualTo(2.0);
    }

    private static double standardDeviation(Ratings ratings) {
        double mean = ratings.mean();
        double squares = 0;
        for (int r = 0; r < ratings.size(); r++) {
            squares += (ratings.value(r) - mean) * (ratings.value(r) - mean);
        }
        return Math.sqrt(squares / ratings.size());
    }
}
