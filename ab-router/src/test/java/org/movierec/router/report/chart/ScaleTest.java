package org.movierec.router.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Scales against values worked out by hand (the arithmetic is in each comment). */
class ScaleTest {

    @Test
    void aLinearScaleMapsTheDomainOntoTheRangeProportionally() {
        Scale x = new Scale.Linear(0, 10, 100, 200);
        assertThat(x.map(0)).isEqualTo(100);
        assertThat(x.map(10)).isEqualTo(200);
        // 100 + 2.5 / 10 × 100
        assertThat(x.map(2.5)).isEqualTo(125);
        // outside the domain: outside the range, on the same line
        assertThat(x.map(-1)).isEqualTo(90);
    }

    @Test
    void aVerticalScaleRunsUpwardsFromTheBottomPixel() {
        Scale y = new Scale.Linear(0.8, 1.2, 236, 16);
        assertThat(y.map(0.8)).isEqualTo(236);
        assertThat(y.map(1.2)).isCloseTo(16, within(1e-9));
        // 236 − (1.0 − 0.8) / 0.4 × 220 = 236 − 110
        assertThat(y.map(1.0)).isCloseTo(126, within(1e-9));
    }

    @Test
    void aLogScaleSpacesPowersOfTenEvenly() {
        Scale y = new Scale.Log10(0.001, 1, 200, 20);
        assertThat(y.map(0.001)).isCloseTo(200, within(1e-9));
        assertThat(y.map(0.01)).isCloseTo(140, within(1e-9));
        assertThat(y.map(0.1)).isCloseTo(80, within(1e-9));
        assertThat(y.map(1)).isCloseTo(20, within(1e-9));
        // 200 − (log10(0.05) + 3) / 3 × 180 = 200 − 1.698970004 × 60
        assertThat(y.map(0.05)).isCloseTo(98.0617997, within(1e-6));
    }

    @Test
    void emptyOrNonPositiveDomainsAreRefused() {
        assertThatThrownBy(() -> new Scale.Linear(1, 1, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Scale.Linear(0, Double.NaN, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Scale.Log10(0, 1, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
