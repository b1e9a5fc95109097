package org.movierec.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.core.data.RatingScale;
import org.movierec.core.data.Ratings;
import org.movierec.core.ids.IdIndex;
import org.movierec.core.model.SvdModel;

class ErrorMetricsTest {

    @Test
    void rmseAndMaeOfSmallArrays() {
        double[] actual = {1, 2, 3, 4};
        double[] predicted = {2, 2, 1, 4};
        // errors -1, 0, 2, 0: squares 1 + 0 + 4 + 0 = 5, absolutes 1 + 0 + 2 + 0 = 3
        assertThat(ErrorMetrics.rmse(actual, predicted)).isCloseTo(Math.sqrt(5.0 / 4), within(1e-12));
        assertThat(ErrorMetrics.mae(actual, predicted)).isCloseTo(0.75, within(1e-12));
        assertThat(ErrorMetrics.of(actual, predicted)).isEqualTo(new ErrorSummary(4, Math.sqrt(1.25), 0.75));
    }

    @Test
    void emptyIsNaNAndLengthsMustMatch() {
        assertThat(ErrorMetrics.rmse(new double[0], new double[0])).isNaN();
        assertThat(ErrorMetrics.of(new double[0], new double[0]).count()).isZero();
        assertThatThrownBy(() -> ErrorMetrics.rmse(new double[1], new double[2]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void modelErrorsIncludeUsersAndItemsAddedAfterTraining() {
        // The model is trained on copies of the index; the data's index then grows.
        IdIndex users = IdIndex.of(List.of("u0", "u1"));
        IdIndex items = IdIndex.of(List.of("m0", "m1"));
        // μ = 3, b_u = (0.5, -0.5), b_i = (1, 0), p_u = (1, 0), q_i = (1, 2)
        SvdModel model = new SvdModel(users.copy(), items.copy(), 1, 3f,
                new float[] {0.5f, -0.5f}, new float[] {1f, 0f}, new float[] {1f, 0f}, new float[] {1f, 2f},
                RatingScale.ONE_TO_FIVE, Map.of(), Map.of());
        Ratings.Builder test = Ratings.builder(users, items);
        test.add("u0", "m0", 5, 0);     // 3 + 0.5 + 1 + 1*1 = 5.5, clipped to 5: error 0
        test.add("u1", "m1", 2, 0);     // 3 - 0.5 + 0 + 0*2 = 2.5: error -0.5
        test.add("new-user", "m0", 3, 0); // unknown user: 3 + b_i 1 = 4: error -1
        test.add("u0", "new-movie", 4, 0); // unknown movie: 3 + b_u 0.5 = 3.5: error 0.5
        Ratings ratings = test.build();
        assertThat(users.indexOf("new-user")).isGreaterThanOrEqualTo(model.users().size());

        ErrorSummary summary = ErrorMetrics.of(model, ratings);

        // squares 0 + 0.25 + 1 + 0.25 = 1.5; absolutes 0 + 0.5 + 1 + 0.5 = 2
        assertThat(summary.count()).isEqualTo(4);
        assertThat(summary.rmse()).isCloseTo(Math.sqrt(1.5 / 4), within(1e-6));
        assertThat(summary.mae()).isCloseTo(0.5, within(1e-6));
        assertThat(ErrorMetrics.rmse(model, ratings)).isEqualTo(summary.rmse());
        assertThat(ErrorMetrics.mae(model, ratings)).isEqualTo(summary.mae());
    }

    @Test
    void testTableWithItsOwnIndexIsMatchedByExternalId() {
        SvdModel model = new SvdModel(IdIndex.of(List.of("u0", "u1")), IdIndex.of(List.of("m0", "m1")), 1, 3f,
                new float[] {0f, 0f}, new float[] {1f, -1f}, new float[2], new float[2],
                RatingScale.ONE_TO_FIVE, Map.of(), Map.of());
        // Same ids, different numbering: m1 gets index 0 here.
        Ratings test = Ratings.builder().add("u1", "m1", 2, 0).add("u0", "m0", 4, 0).build();
        assertThat(ErrorMetrics.rmse(model, test)).isCloseTo(0, within(1e-9));
    }
}
