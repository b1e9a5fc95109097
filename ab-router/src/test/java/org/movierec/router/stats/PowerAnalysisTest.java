package org.movierec.router.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Reference values from src/test/python/experiment_analysis_reference.py: the closed forms with
 * scipy.stats.norm quantiles, checked there against statsmodels' {@code NormalIndPower} (which also
 * counts the far tail: at the MDE its power is 0.8 + Φ(−2 z_{0.975} − z_{0.8}) = 0.80000096, and its
 * sample size is a hair below the closed form with the same ceiling).
 */
class PowerAnalysisTest {

    @Test
    void minimumDetectableEffectWithUnequalArms() {
        Close.relative(PowerAnalysis.minimumDetectableEffect(1.3, 500, 1.3, 300, 0.05, 0.8),
                0.23327858772610702, 1e-14);
        Close.relative(PowerAnalysis.minimumDetectableEffect(2.25, 1200, 2.56, 800, 0.05, 0.8),
                0.19958222529028388, 1e-14);
    }

    @Test
    void minimumDetectableEffectOfTheWatchThroughArms() {
        UserTotals treatment = WatchThroughData.totals(WatchThroughData.TREATMENT);
        UserTotals control = WatchThroughData.totals(WatchThroughData.CONTROL);
        double mde = PowerAnalysis.minimumDetectableEffect(treatment.unitVariance(), treatment.users(),
                control.unitVariance(), control.users(), 0.05, 0.8);
        Close.relative(mde, 0.40560967670165798, 1e-12);
    }

    @Test
    void sampleSizePerArm() {
        // closed forms 15069.849…, 15101.245…, 9614.878…; NormalIndPower gives 15069.812 for the first
        assertThat(PowerAnalysis.sampleSizePerArm(2.4, 2.4, 0.05, 0.05, 0.8)).isEqualTo(15070);
        assertThat(PowerAnalysis.sampleSizePerArm(2.25, 2.56, 0.05, 0.05, 0.8)).isEqualTo(15102);
        assertThat(PowerAnalysis.sampleSizePerArm(0.24, 0.25, 0.02, 0.05, 0.8)).isEqualTo(9615);
        assertThat(PowerAnalysis.sampleSizePerArm(0.24, 0.25, -0.02, 0.05, 0.8)).isEqualTo(9615);
    }

    @Test
    void theSampleSizeAtTheMinimumDetectableEffectIsTheSampleSize() {
        for (long n : new long[] {10, 273, 15_700, 1_000_000}) {
            double mde = PowerAnalysis.minimumDetectableEffect(2.25, n, 2.56, n, 0.05, 0.8);
            assertThat(PowerAnalysis.sampleSizePerArm(2.25, 2.56, mde * (1 + 1e-9), 0.05, 0.8)).isEqualTo(n);
            assertThat(PowerAnalysis.sampleSizePerArm(2.25, 2.56, mde * (1 - 1e-9), 0.05, 0.8)).isEqualTo(n + 1);
        }
    }

    @Test
    void edgeCasesAndValidation() {
        assertThat(PowerAnalysis.sampleSizePerArm(0, 0, 0.1, 0.05, 0.8)).isZero();
        assertThat(PowerAnalysis.sampleSizePerArm(1, 1, 1e-200, 0.05, 0.8)).isEqualTo(Long.MAX_VALUE);
        assertThat(PowerAnalysis.minimumDetectableEffect(0, 5, 0, 5, 0.05, 0.8)).isZero();
        assertThatThrownBy(() -> PowerAnalysis.sampleSizePerArm(1, 1, 0, 0.05, 0.8)).hasMessageContaining("effect");
        assertThatThrownBy(() -> PowerAnalysis.sampleSizePerArm(-1, 1, 0.1, 0.05, 0.8)).hasMessageContaining("variance");
        assertThatThrownBy(() -> PowerAnalysis.minimumDetectableEffect(1, 0, 1, 5, 0.05, 0.8))
                .hasMessageContaining("sample sizes");
        assertThatThrownBy(() -> PowerAnalysis.minimumDetectableEffect(1, 5, 1, 5, 0, 0.8)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> PowerAnalysis.minimumDetectableEffect(1, 5, 1, 5, 0.05, 1)).hasMessageContaining("power");
    }
}
