package org.movierec.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.movierec.core.data.RatingScale;
import org.movierec.core.data.Ratings;

class SyntheticDataGeneratorTest {

    private static final GeneratorConfig SMALL = GeneratorConfig.of(500, 300, 20_000, 11);

    @Test
    void sameSeedSameData() {
        Ratings a = SyntheticDataGenerator.generate(SMALL).ratings();
        Ratings b = SyntheticDataGenerator.generate(SMALL).ratings();
        assertThat(a.size()).isEqualTo(b.size());
        for (int r = 0; r < a.size(); r++) {
            assertThat(a.user(r)).isEqualTo(b.user(r));
            assertThat(a.item(r)).isEqualTo(b.item(r));
            assertThat(a.value(r)).isEqualTo(b.value(r));
            assertThat(a.time(r)).isEqualTo(b.time(r));
        }
    }

    @Test
    void writesExactlyTheRequestedDistinctRatingsOnTheScale() {
        GeneratedData data = SyntheticDataGenerator.generate(SMALL);
        Ratings r = data.ratings();
        assertThat(r.size()).isEqualTo(20_000);
        Set<Long> pairs = new HashSet<>();
        for (int j = 0; j < r.size(); j++) {
            assertThat(pairs.add(((long) r.user(j) << 32) | r.item(j))).as("duplicate pair").isTrue();
            assertThat(r.value(j)).isIn(1f, 2f, 3f, 4f, 5f);
        }
        assertThat(data.users()).hasSize(500);
        assertThat(data.movies()).hasSize(300);
        assertThat(r.users().idAt(0)).isEqualTo("1");
        assertThat(r.mean()).isBetween(3.2, 3.9);
    }

    @Test
    void popularityIsSkewed() {
        Ratings r = SyntheticDataGenerator.generate(SMALL).ratings();
        int[] counts = r.countsPerItem();
        java.util.Arrays.sort(counts);
        long top10Percent = 0;
        for (int j = counts.length - counts.length / 10; j < counts.length; j++) {
            top10Percent += counts[j];
        }
        assertThat((double) top10Percent / r.size()).as("share of the 10 %% most popular movies").isGreaterThan(0.25);
    }

    @Test
    void noiseFloorMatchesTheNoiseWhenNothingIsClipped() {
        // A scale so wide that nothing is clipped: the only error left is noise plus rounding,
        // whose variance is σ² + 1/12 (rounding of a smooth density is uniform on ±0.5).
        GeneratorConfig wide = SMALL.withScale(new RatingScale(-100, 100)).withNoiseStd(0.6);
        GeneratedData data = SyntheticDataGenerator.generate(wide);
        assertThat(data.noiseFloor()).isCloseTo(Math.sqrt(0.36 + 1.0 / 12), within(0.01));
    }

    @Test
    void theBestPredictorBeatsTheClippedTruthWhenTheScaleClips() {
        GeneratedData data = SyntheticDataGenerator.generate(SMALL);
        assertThat(data.bayesFloor()).isLessThan(data.noiseFloor());
        assertThat(data.noiseFloor()).isBetween(0.7, 1.0);
    }

    @Test
    void expectedRatingIsTheMeanOfTheRoundedNoisyScore() {
        assertThat(SyntheticDataGenerator.expectedRating(3.0, 1e-9, RatingScale.ONE_TO_FIVE)).isCloseTo(3.0, within(1e-9));
        assertThat(SyntheticDataGenerator.expectedRating(9.0, 0.5, RatingScale.ONE_TO_FIVE)).isCloseTo(5.0, within(1e-9));
        // symmetric around the middle of the scale
        assertThat(SyntheticDataGenerator.expectedRating(3.0, 0.8, RatingScale.ONE_TO_FIVE)).isCloseTo(3.0, within(1e-6));
        assertThat(SyntheticDataGenerator.normalCdf(1.959964)).isCloseTo(0.975, within(1e-6));
        assertThat(SyntheticDataGenerator.normalCdf(0)).isCloseTo(0.5, within(1e-7));
    }

    @Test
    void groupEffectSeparatesGroups() {
        GeneratedData strong = SyntheticDataGenerator.generate(SMALL.withGroupEffect(2.0));
        GeneratedData none = SyntheticDataGenerator.generate(SMALL.withGroupEffect(0.0));
        assertThat(genderGap(strong)).isGreaterThan(genderGap(none));
    }

    private static double genderGap(GeneratedData data) {
        double[] sum = new double[2];
        int[] count = new int[2];
        for (int u = 0; u < data.users().size(); u++) {
            int g = data.users().get(u).gender().equals("M") ? 0 : 1;
            sum[g] += data.trueModel().userBias()[u];
            count[g]++;
        }
        return Math.abs(sum[0] / count[0] - sum[1] / count[1]);
    }

    @Test
    void slugIdsLookLikeTheStream() {
        GeneratedData data = SyntheticDataGenerator.generate(SMALL.withSlugIds(true));
        assertThat(data.movies().get(0).id()).matches("[a-z]+\\+[a-z]+(\\+\\d+)?\\+\\d{4}");
        assertThat(data.ratings().items().idAt(0)).isEqualTo(data.movies().get(0).id());
    }
}
