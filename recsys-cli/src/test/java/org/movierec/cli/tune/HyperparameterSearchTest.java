package org.movierec.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.movierec.core.data.RatingScale;
import org.movierec.core.data.Ratings;
import org.movierec.core.generate.GeneratorConfig;
import org.movierec.core.generate.SyntheticDataGenerator;
import org.movierec.core.train.TrainingParams;

class HyperparameterSearchTest {

    private static final Ratings RATINGS =
            SyntheticDataGenerator.generate(GeneratorConfig.of(200, 100, 4000, 31).withRank(2)).ratings();

    private static final TrainingParams BASE = TrainingParams.defaults().withThreads(1);

    private static final SearchSpace.Ranges RANGES =
            new SearchSpace.Ranges(2, 8, 0.005, 0.05, 0.01, 0.2, 3, 10);

    @Test
    void gridEnumeratesTheFullCartesianProduct() {
        SearchSpace.Grid grid = new SearchSpace.Grid(List.of(2, 4), List.of(0.01, 0.03, 0.05),
                List.of(0.02, 0.1), List.of(5, 10));

        List<TrainingParams> candidates = grid.candidates(BASE);

        assertThat(grid.size()).isEqualTo(2 * 3 * 2 * 2);
        assertThat(candidates).hasSize(24).doesNotHaveDuplicates();
        List<Tuple> expected = new ArrayList<>();
        for (int f : List.of(2, 4)) {
            for (double lr : List.of(0.01, 0.03, 0.05)) {
                for (double reg : List.of(0.02, 0.1)) {
                    for (int e : List.of(5, 10)) {
                        expected.add(tuple(f, lr, reg, e));
                    }
                }
            }
        }
        assertThat(candidates)
                .extracting(TrainingParams::factors, TrainingParams::learningRate, TrainingParams::regularization,
                        TrainingParams::maxEpochs)
                .containsExactlyElementsOf(expected);
        // everything else comes from the base
        assertThat(candidates).allSatisfy(p -> {
            assertThat(p.seed()).isEqualTo(BASE.seed());
            assertThat(p.learningRateDecay()).isEqualTo(BASE.learningRateDecay());
        });
        assertThatThrownBy(() -> new SearchSpace.Grid(List.of(), List.of(0.01), List.of(0.02), List.of(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gridSearchTriesEveryCandidateAndRanksThem() {
        SearchSpace.Grid grid = new SearchSpace.Grid(List.of(2, 6), List.of(0.02), List.of(0.02, 0.1), List.of(8));
        List<Integer> progress = new ArrayList<>();
        HyperparameterSearch search = new HyperparameterSearch(RATINGS, BASE,
                RatingScale.ONE_TO_FIVE, 2, 3,
                (trial, finished, total) -> {
                    assertThat(total).isEqualTo(4);
                    progress.add(finished);
                });

        SearchResult result = search.grid(grid);

        assertThat(progress).containsExactly(1, 2, 3, 4);
        assertThat(result.trials()).extracting(Trial::number).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(result.trials()).extracting(Trial::params).containsExactlyInAnyOrderElementsOf(grid.candidates(BASE));
        assertThat(result.trials()).isSortedAccordingTo(Comparator.comparingDouble(Trial::meanRmse));
        assertThat(result.best().cv().folds()).isEqualTo(2);
    }

    @Test
    void randomSearchIsDeterministicForASeedAndPicksTheBestTrial() {
        SearchResult first = new HyperparameterSearch(RATINGS, BASE, 2, 17).random(RANGES, 4);
        SearchResult again = new HyperparameterSearch(RATINGS, BASE, 2, 17).random(RANGES, 4);

        assertThat(first.trials()).hasSize(4);
        assertThat(again.trials()).extracting(Trial::number, Trial::params, Trial::meanRmse)
                .containsExactlyElementsOf(first.trials().stream()
                        .map(t -> tuple(t.number(), t.params(), t.meanRmse())).toList());
        double lowest = first.trials().stream().mapToDouble(Trial::meanRmse).min().orElseThrow();
        assertThat(first.best().meanRmse()).isEqualTo(lowest);
        assertThat(first.bestParams()).isEqualTo(first.best().params());
        assertThat(first.trials()).isSortedAccordingTo(Comparator.comparingDouble(Trial::meanRmse));
        // each candidate lies in the ranges
        assertThat(first.trials()).extracting(Trial::params).allSatisfy(p -> {
            assertThat(p.factors()).isBetween(2, 8);
            assertThat(p.learningRate()).isBetween(0.005, 0.05);
            assertThat(p.regularization()).isBetween(0.01, 0.2);
            assertThat(p.maxEpochs()).isBetween(3, 10);
        });
        // another seed draws other candidates
        SearchResult other = new HyperparameterSearch(RATINGS, BASE, 2, 18).random(RANGES, 1);
        assertThat(other.trials().get(0).params()).isNotIn(first.trials().stream().map(Trial::params).toList());
    }

    @Test
    void logUniformSamplingSpreadsOverOrdersOfMagnitude() {
        SearchSpace.Ranges wide = new SearchSpace.Ranges(1, 1, 0.0001, 0.1, 0.001, 1.0, 1, 1);
        SplittableRandom random = new SplittableRandom(1);
        int belowOneThousandth = 0;
        int n = 3000;
        for (int j = 0; j < n; j++) {
            double lr = wide.sample(BASE, random).learningRate();
            assertThat(lr).isBetween(0.0001, 0.1);
            if (lr < 0.001) {
                belowOneThousandth++;
            }
        }
        // log-uniform over 3 decades puts a third in the lowest decade (uniform would put 0.9 %)
        assertThat((double) belowOneThousandth / n).isBetween(0.28, 0.39);
        assertThatThrownBy(() -> new SearchSpace.Ranges(1, 2, 0, 0.1, 0.01, 0.1, 1, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failedTrialsRankLast() {
        CvResult good = new CvResult(BASE, new double[] {0.9, 0.9}, new double[] {0.7, 0.7}, new double[] {1, 1});
        CvResult better = new CvResult(BASE, new double[] {0.8, 0.8}, new double[] {0.6, 0.6}, new double[] {1, 1});
        SearchResult result = new SearchResult(List.of(
                new Trial(0, BASE, null, "training diverged"),
                new Trial(1, BASE, good, null),
                new Trial(2, BASE, better, null)));
        assertThat(result.trials()).extracting(Trial::number).containsExactly(2, 1, 0);
        assertThat(result.best().number()).isEqualTo(2);
        SearchResult allFailed = new SearchResult(List.of(new Trial(0, BASE, null, "diverged")));
        assertThatThrownBy(allFailed::best).isInstanceOf(IllegalStateException.class);
    }
}
