package org.movierec.router.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Reference values from src/test/python/experiment_analysis_reference.py: the delta method with the
 * gradient taken symbolically by sympy from f itself (m_T/m_C − 1, √(m_T/m_C) − 1), the covariance of
 * the arms' ratios from statsmodels' cluster-robust OLS on the raw rows, z from scipy.stats.norm.
 */
class RelativeEffectTest {

    @Test
    void liftOfIndependentMeans() {
        RelativeEffect lift = RelativeEffect.ofMeans(0.52, 4e-4, 0.5, 3e-4, 0.95);
        Close.effect(lift, 1e-12, 0.040000000000000036, 0.05383233229203431,
                -0.065509432496179756, 0.14550943249617981);
        assertThat(lift.interval().confidence()).isEqualTo(0.95);
    }

    @Test
    void rootLiftOfIndependentMeans() {
        RelativeEffect rmse = RelativeEffect.ofRootMeans(0.81, 0.0025, 0.9, 0.0036, 0.95);
        Close.effect(rmse, 1e-12, -0.051316701949486183, 0.043096853949004019,
                -0.13578498353651686, 0.033151579637544497);
    }

    @Test
    void rootLiftOfCorrelatedMeansIsNarrower() {
        RelativeEffect rmse = RelativeEffect.ofCorrelatedRootMeans(0.81, 0.0025, 0.9, 0.0036, 0.0024, 0.95);
        Close.effect(rmse, 1e-12, -0.051316701949486183, 0.019387040486373932,
                -0.089314603069598986, -0.013318800829373381);
        assertThat(rmse.standardError())
                .isLessThan(RelativeEffect.ofRootMeans(0.81, 0.0025, 0.9, 0.0036, 0.95).standardError());
    }

    @Test
    void watchThroughLiftFromTheUsersTotals() {
        UserTotals treatment = WatchThroughData.totals(WatchThroughData.TREATMENT);
        UserTotals control = WatchThroughData.totals(WatchThroughData.CONTROL);
        RelativeEffect lift = RelativeEffect.ofMeans(treatment.ratio(), treatment.ratioVariance(), control.ratio(),
                control.ratioVariance(), 0.95);
        Close.effect(lift, 1e-12, 0.12745098039215721, 0.275884862475686,
                -0.41327341393997319, 0.66817537472428756);
    }

    @Test
    void equalArmsHaveNoLiftAndASymmetricInterval() {
        RelativeEffect lift = RelativeEffect.ofMeans(0.6, 0.001, 0.6, 0.001, 0.95);
        RelativeEffect root = RelativeEffect.ofRootMeans(0.6, 0.001, 0.6, 0.001, 0.95);
        for (RelativeEffect effect : new RelativeEffect[] {lift, root}) {
            assertThat(effect.estimate()).isZero();
            assertThat(effect.interval().lower()).isEqualTo(-effect.interval().upper());
        }
        // at m_T = m_C the root's gradient is half the ratio's: (v_T + v_C)/(4 m²) against (v_T + v_C)/m²
        Close.relative(root.standardError(), lift.standardError() / 2, 1e-15);
    }

    @Test
    void negativeControlMeanKeepsTheDeltaMethod() {
        RelativeEffect lift = RelativeEffect.ofMeans(-0.4, 0.01, -0.5, 0.01, 0.95);
        Close.effect(lift, 1e-12, -0.19999999999999996, 0.25612496949731395,
                -0.70199571575615516, 0.30199571575615525);
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> RelativeEffect.ofMeans(1, 0.1, 0, 0.1, 0.95)).hasMessageContaining("non-zero");
        assertThatThrownBy(() -> RelativeEffect.ofMeans(1, -0.1, 1, 0.1, 0.95)).hasMessageContaining("variance");
        assertThatThrownBy(() -> RelativeEffect.ofMeans(Double.NaN, 0.1, 1, 0.1, 0.95)).hasMessageContaining("finite");
        assertThatThrownBy(() -> RelativeEffect.ofRootMeans(0, 0.1, 1, 0.1, 0.95)).hasMessageContaining("positive");
        assertThatThrownBy(() -> RelativeEffect.ofMeans(1, 0.1, 1, 0.1, 1.0)).hasMessageContaining("confidence");
    }
}
