package org.movierec.core.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.core.data.RatingScale;
import org.movierec.core.ids.IdIndex;
import org.movierec.core.model.SvdModel;

class ExplainerTest {

    @Test
    void picksTheMostSimilarLikedMovies() {
        IdIndex users = IdIndex.of(java.util.List.of("u"));
        IdIndex items = IdIndex.of(java.util.List.of("target", "twin", "near", "opposite", "disliked-twin"));
        // 2 factors: twin points the same way as target, near close to it, opposite the other way
        float[] q = {1, 0, 2, 0, 1, 0.5f, -1, 0, 1, 0};
        SvdModel model = new SvdModel(users, items, 2, 3.5f, new float[1], new float[5], new float[2], q,
                RatingScale.ONE_TO_FIVE, Map.of(), Map.of());

        int[] because = new Explainer(model).because(0, new int[] {1, 2, 3, 4}, new float[] {5, 4, 5, 1}, 2, 4.0);

        assertThat(because).containsExactly(1, 2);
    }
}
