package org.movierec.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.core.data.RatingScale;
import org.movierec.core.ids.IdIndex;
import org.movierec.core.model.SvdModel;

/**
 * One SVD++ step with the per-user accumulation trick, against values computed in exact and double
 * arithmetic by {@code src/test/python/svdpp_reference.py} straight from Koren (2008), eq. 15. The
 * Java code runs in float32, hence the tolerance of 1e-6.
 */
class SvdppEpochsTest {

    private static final double TOLERANCE = 1e-6;

    @Test
    void oneUserStepMatchesTheHandComputedReference() {
        // one user who rated item 0 (4) then item 1 (3); N(u) = {1, 2}; k = 2
        SvdppEpochs epochs = SvdppEpochs.group(new int[] {0, 0}, new int[] {0, 1}, new float[] {4, 3}, 2, 1,
                new int[] {0, 2}, new int[] {1, 2}, 2);
        float[] userBias = {0.1f};
        float[] itemBias = {0.2f, -0.1f, 0f};
        float[][] userRows = {{0.5f, -0.5f}};
        float[][] itemRows = {{1f, 0f}, {0f, 1f}, {0.5f, 0.5f}};
        float[][] implicitRows = {{0f, 0f}, {0.2f, 0.4f}, {0.6f, -0.2f}};

        double squaredError = epochs.updateUser(0, 3f, userBias, itemBias, userRows, itemRows, implicitRows,
                0.1f, 0.5f, 0.2f, 1f, new float[2], new float[2]);

        assertThat(squaredError).isCloseTo(0.2722193582597645, within(TOLERANCE));
        assertThat((double) userBias[0]).isCloseTo(0.09741754698073604, within(TOLERANCE));
        assertThat((double) itemBias[0]).isCloseTo(0.15943145750507615, within(TOLERANCE));
        assertThat((double) itemBias[1]).isCloseTo(-0.06078528137423858, within(TOLERANCE));
        assertThat(itemBias[2]).isZero();
        assertClose(userRows[0], 0.41650988462982236, -0.41403528137423856);
        assertClose(itemRows[0], 0.9110294372515229, 0.01311269837220811);
        assertClose(itemRows[1], 0.037367927247914066, 0.9375859646328084);
        assertClose(itemRows[2], 0.5, 0.5);
        assertClose(implicitRows[0], 0, 0);
        assertClose(implicitRows[1], 0.1541421356237309, 0.3863147799002252);
        assertClose(implicitRows[2], 0.5141421356237309, -0.15368522009977478);
    }

    @Test
    void theModelPredictsWithTheEffectiveVector() {
        // the parameters after the step above; the effective vector is p + |N|^-½ (y1 + y2)
        SvdppEpochs epochs = SvdppEpochs.group(new int[] {0, 0}, new int[] {0, 1}, new float[] {4, 3}, 2, 1,
                new int[] {0, 2}, new int[] {1, 2}, 2);
        float[][] userRows = {{0.41650988462982236f, -0.41403528137423856f}};
        float[][] implicitRows = {{0f, 0f}, {0.1541421356237309f, 0.3863147799002252f},
                {0.5141421356237309f, -0.15368522009977478f}};

        float[][] effective = epochs.effectiveRows(userRows, implicitRows, new boolean[] {true});

        assertClose(effective[0], 0.8890582245892127, -0.2495413421348986);
        SvdModel model = new SvdModel(IdIndex.of(List.of("u")), IdIndex.of(List.of("a", "b", "c")), 2, 3f,
                new float[] {0.09741754698073604f}, new float[] {0.15943145750507615f, -0.06078528137423858f, 0f},
                effective[0], new float[] {0.9110294372515229f, 0.01311269837220811f, 0.037367927247914066f,
                        0.9375859646328084f, 0.5f, 0.5f}, RatingScale.ONE_TO_FIVE, Map.of(), Map.of());
        assertThat(model.predict("u", "c")).isCloseTo(3.4171759882078927, within(TOLERANCE));
    }

    @Test
    void anUntrainedUserIsTheImplicitSumAlone() {
        SvdppEpochs epochs = SvdppEpochs.group(new int[0], new int[0], new float[0], 0, 1,
                new int[] {0, 2}, new int[] {1, 2}, 2);
        float[][] effective = epochs.effectiveRows(new float[][] {{9f, 9f}},
                new float[][] {{0f, 0f}, {0.2f, 0.4f}, {0.6f, -0.2f}}, new boolean[] {false});
        assertClose(effective[0], 0.565685424949238, 0.1414213562373095);
    }

    private static void assertClose(float[] actual, double... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int f = 0; f < expected.length; f++) {
            assertThat((double) actual[f]).as("component %d", f).isCloseTo(expected[f], within(TOLERANCE));
        }
    }
}
