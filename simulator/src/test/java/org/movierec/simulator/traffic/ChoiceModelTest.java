package org.movierec.simulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.movierec.core.data.RatingScale;

class ChoiceModelTest {

    final ChoiceModel model = new ChoiceModel(RatingScale.ONE_TO_FIVE, 10);

    static double[] all(double rating) {
        double[] r = new double[20];
        Arrays.fill(r, rating);
        return r;
    }

    @Test
    void betterListsAreWatchedMore() {
        double best = model.watchProbability(all(4.8));
        double middling = model.watchProbability(all(3.3));
        double worst = model.watchProbability(all(1.5));
        assertThat(best).isGreaterThan(0.75);
        assertThat(middling).isBetween(0.1, 0.3);
        assertThat(worst).isLessThan(0.05);
    }

    @Test
    void choiceFrequenciesFollowTheProbabilities() {
        SplittableRandom random = new SplittableRandom(3);
        double[] ratings = all(3.8);
        int watched = 0;
        int top = 0;
        int last = 0;
        for (int k = 0; k < 20_000; k++) {
            int j = model.choose(ratings, random);
            if (j >= 0) {
                watched++;
                top += j == 0 ? 1 : 0;
                last += j == 19 ? 1 : 0;
            }
        }
        assertThat(watched / 20_000.0).isCloseTo(model.watchProbability(ratings), org.assertj.core.data.Offset.offset(0.02));
        assertThat(top).isGreaterThan(3 * last); // position bias
    }

    @Test
    void unknownMoviesAreNeverChosen() {
        SplittableRandom random = new SplittableRandom(4);
        double[] ratings = all(Double.NaN);
        ratings[5] = 5;
        for (int k = 0; k < 1000; k++) {
            assertThat(model.choose(ratings, random)).isIn(-1, 5);
        }
    }

    @Test
    void likedMoviesAreWatchedLonger() {
        SplittableRandom random = new SplittableRandom(5);
        long liked = 0;
        long disliked = 0;
        for (int k = 0; k < 1000; k++) {
            int a = model.minutesWatched(4.8, 120, random);
            int b = model.minutesWatched(1.5, 120, random);
            assertThat(a).isBetween(1, 120);
            assertThat(b).isBetween(1, 120);
            liked += a;
            disliked += b;
        }
        assertThat(liked).isGreaterThan(3 * disliked);
    }

    @Test
    void ratingsAreOnTheScale() {
        SplittableRandom random = new SplittableRandom(6);
        for (int k = 0; k < 1000; k++) {
            assertThat(model.rating(5.0, 0.85, random)).isBetween(1, 5);
            assertThat(model.rating(1.0, 0.85, random)).isBetween(1, 5);
        }
    }
}
