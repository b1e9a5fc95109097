package org.movierec.router.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Laid-out charts against coordinates worked out by hand from the constants: a chart over time has its
 * frame at x 64..704 and y 16..236 (280 high, margins 64/16/16/44); a per-arm chart at x 110..704.
 */
class ChartsTest {

    private static final Instant FROM = Instant.parse("2026-11-30T10:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void aLinearChartMapsItsValuesIntoTheFrameOnRoundTicks() {
        TimeSeries series = new TimeSeries("control", 0, false, List.of(
                new TimedValue(FROM, 1.0, 0.9, 1.1), new TimedValue(TO, 2.0, 1.9, 2.1)));
        ChartView chart = Charts.overTime(FROM, TO, List.of(series), Charts.ValueAxis.LINEAR, "RMSE", Double.NaN, null);
        // values and bounds 0.9..2.1: step 0.5 (0.2 would give 0.8 … 2.2, 8 ticks), domain 0.5..2.5:
        // y = 236 − (v − 0.5) / 2 × 220
        assertThat(chart.yTicks()).extracting(ChartView.Tick::label).containsExactly("0.5", "1.0", "1.5", "2.0", "2.5");
        assertThat(chart.yTicks().get(0).position()).isEqualTo(236);
        ChartView.PlottedSeries plotted = chart.series().get(0);
        // 1.0 → 236 − 55 = 181; 2.0 → 236 − 165 = 71; 0.9 → 192, 1.1 → 170, 1.9 → 82, 2.1 → 60
        assertThat(plotted.line()).isEqualTo("M64.0 181.0 L704.0 71.0");
        assertThat(plotted.band()).isEqualTo("M64.0 170.0 L704.0 60.0 L704.0 82.0 L64.0 192.0 Z");
        assertThat(plotted.markers()).extracting(ChartView.Marker::label)
                .containsExactly("control at 10:00 UTC: 1.000 [0.900, 1.100]", "control at 12:00 UTC: 2.000 [1.900, 2.100]");
        // two hours, at most 6 ticks: every 30 minutes
        assertThat(chart.xTicks()).extracting(ChartView.Tick::label)
                .containsExactly("10:00", "10:30", "11:00", "11:30", "12:00");
        assertThat(chart.xTicks().get(2).position()).isEqualTo(384);
        assertThat(chart.reference()).isNull();
        assertThat(chart.empty()).isFalse();
    }

    @Test
    void aSignedChartKeepsNegativeValuesAndItsZeroLine() {
        // relative effects in %: −3 [−5, −1] then +2 [0, +4], the reference "no effect" at 0
        TimeSeries series = new TimeSeries("treatment", 1, false, List.of(
                new TimedValue(FROM, -3.0, -5.0, -1.0), new TimedValue(TO, 2.0, 0.0, 4.0)));
        ChartView chart = Charts.overTime(FROM, TO, List.of(series), Charts.ValueAxis.SIGNED, "lift", 0, "no effect");
        // −5..4 on round ticks of 2: −6 … 4, y = 236 − (v + 6) / 10 × 220
        assertThat(chart.yTicks()).extracting(ChartView.Tick::label).containsExactly("-6", "-4", "-2", "0", "2", "4");
        assertThat(chart.series().get(0).line()).isEqualTo("M64.0 170.0 L704.0 60.0");
        assertThat(chart.reference().y()).isEqualTo(104);
        // every value at the reference (0): the range is widened around it rather than refused
        assertThat(Charts.overTime(FROM, TO, List.of(new TimeSeries("x", 0, false, List.of(
                new TimedValue(FROM, 0.0, Double.NaN, Double.NaN)))), Charts.ValueAxis.SIGNED, "lift", 0, "no effect")
                .yTicks()).extracting(ChartView.Tick::label).contains("0.0").first().isNotEqualTo("0.0");
    }

    @Test
    void aPValueChartIsLogarithmicDownToTheSmallestPowerOfTenBelowItsValuesAndAlpha() {
        TimeSeries looks = new TimeSeries("treatment · RMSE", 1, false, List.of(
                TimedValue.of(FROM, 0.5), TimedValue.of(TO, 0.003)));
        ChartView chart = Charts.overTime(FROM, TO, List.of(looks), Charts.ValueAxis.P_VALUE, "p", 0.05, "α = 0.05");
        // smallest 0.003 → floor 0.001: 1e-3 … 1 over 220 px, 73.3 px a decade
        assertThat(chart.yTicks()).extracting(ChartView.Tick::label).containsExactly("0.001", "0.01", "0.1", "1");
        // α: 236 − (log10(0.05) + 3) / 3 × 220 = 236 − 124.591 = 111.4
        assertThat(chart.reference().svg()).isEqualTo("111.4");
        // 0.5: 236 − (2.69897 / 3) × 220 = 38.1; 0.003: 236 − (0.47712 / 3) × 220 = 201.0
        assertThat(chart.series().get(0).line()).isEqualTo("M64.0 38.1 L704.0 201.0");
        assertThat(chart.series().get(0).band()).isEmpty();
    }

    @Test
    void looksAreNumberedOneByOneWhateverTheirTimes() {
        // four looks within a second: on a time axis they would sit on top of each other
        TimeSeries looks = new TimeSeries("treatment · RMSE", 1, false, List.of(TimedValue.of(FROM, 1.0),
                TimedValue.of(FROM.plusMillis(10), 0.5), TimedValue.of(FROM.plusMillis(20), 0.1),
                TimedValue.of(FROM.plusMillis(30), 0.01)));
        ChartView chart = Charts.overLooks(List.of(looks), Charts.ValueAxis.P_VALUE, "p", 0.05, "α = 0.05");
        // x: 0.5..4.5 over 64..704, 160 px a look: 144, 304, 464, 624
        assertThat(chart.xTicks()).extracting(ChartView.Tick::label).containsExactly("1", "2", "3", "4");
        assertThat(chart.xTicks()).extracting(ChartView.Tick::position).containsExactly(144.0, 304.0, 464.0, 624.0);
        // y: 0.01 and α/10 → floor 0.001, 1e-3 … 1: 1 → 16, 0.5 → 38.1, 0.1 → 89.3, 0.01 → 162.7
        assertThat(chart.series().get(0).line()).isEqualTo("M144.0 16.0 L304.0 38.1 L464.0 89.3 L624.0 162.7");
        assertThat(chart.series().get(0).markers().get(1).label())
                .isEqualTo("treatment · RMSE, look 2 (10:00:00 UTC): p = 0.500");
        assertThat(chart.xTitle()).isEqualTo("look");
    }

    @Test
    void aPValueBelowTheFloorSitsOnIt() {
        TimeSeries looks = new TimeSeries("t", 0, false, List.of(TimedValue.of(FROM, 1e-30)));
        ChartView chart = Charts.overTime(FROM, TO, List.of(looks), Charts.ValueAxis.P_VALUE, "p", 0.05, "α");
        assertThat(chart.yTicks().get(0).label()).isEqualTo("1e-12");
        assertThat(chart.series().get(0).markers().get(0).at().y()).isCloseTo(236, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aChartWithoutValuesIsEmptyButStillHasAxes() {
        ChartView chart = Charts.overTime(FROM, TO, List.of(new TimeSeries("control", 0, false, List.of(
                TimedValue.of(FROM, Double.NaN)))), Charts.ValueAxis.PERCENT, "watch-through", Double.NaN, null);
        assertThat(chart.empty()).isTrue();
        assertThat(chart.series().get(0).line()).isEmpty();
        assertThat(chart.yTicks()).extracting(ChartView.Tick::label).containsExactly("0 %", "20 %", "40 %", "60 %",
                "80 %", "100 %");
    }

    @Test
    void aSplitChartDrawsBarsToTheActualShareAndMarksTheTarget() {
        ChartView chart = Charts.perArm(List.of("control", "treatment"), new double[] {0.45, 0.55},
                new double[] {Double.NaN, Double.NaN}, new double[] {Double.NaN, Double.NaN}, new double[] {0.5, 0.5},
                true, List.of("45 %", "55 %"), "share of users");
        // max 0.55 × 1.05 = 0.5775 → axis 0..0.6 (step 0.2; 0.1 would give 7 ticks) over 110..704:
        // 0.45 → 555.5, 0.5 → 605, 0.55 → 654.5
        assertThat(chart.xTicks()).extracting(ChartView.Tick::label).containsExactly("0 %", "20 %", "40 %", "60 %");
        // rows 48 high from y 16: marks at 16 + 31.2 = 47.2 and 95.2, bars 7 above and below
        ChartView.ArmRow control = chart.rows().get(0);
        assertThat(control.bar()).isEqualTo("M110.0 40.2 H555.5 V54.2 H110.0 Z");
        assertThat(control.target()).isEqualTo("M605.0 36.2 V58.2");
        assertThat(control.hasPoint()).isFalse();
        assertThat(chart.rows().get(1).bar()).isEqualTo("M110.0 88.2 H654.5 V102.2 H110.0 Z");
        assertThat(chart.height()).isEqualTo(156);
    }

    @Test
    void anIntervalChartDrawsADotAndAWhiskerWithCaps() {
        ChartView chart = Charts.perArm(List.of("control"), new double[] {0.4}, new double[] {0.3},
                new double[] {0.5}, new double[] {Double.NaN}, false, List.of("40 %"), "watch-through");
        // max 0.5 × 1.05 → axis 0..0.6: 0.3 → 407, 0.4 → 506, 0.5 → 605
        ChartView.ArmRow row = chart.rows().get(0);
        assertThat(row.svgPoint()).isEqualTo("506.0");
        assertThat(row.whisker()).isEqualTo("M407.0 47.2 H605.0 M407.0 41.2 V53.2 M605.0 41.2 V53.2");
        assertThat(row.bar()).isEmpty();
        assertThat(row.target()).isEmpty();
    }
}
