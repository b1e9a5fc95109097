package org.movierec.router.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Path data written out by hand for small inputs. */
class SvgPathsTest {

    private static final double GAP = Double.NaN;

    @Test
    void aLineLiftsThePenAtAGap() {
        List<Point> points = List.of(new Point(0, 0), new Point(10, 5.24), new Point(15, GAP), new Point(20, 1),
                new Point(30, 2));
        assertThat(SvgPaths.line(points)).isEqualTo("M0.0 0.0 L10.0 5.2 M20.0 1.0 L30.0 2.0");
        assertThat(SvgPaths.line(List.of())).isEmpty();
        assertThat(SvgPaths.line(List.of(new Point(1, GAP)))).isEmpty();
    }

    @Test
    void aBandGoesAlongTheUpperEdgeAndBackAlongTheLower() {
        List<Point> upper = List.of(new Point(0, 1), new Point(10, 2), new Point(20, 3));
        List<Point> lower = List.of(new Point(0, 5), new Point(10, 6), new Point(20, 7));
        assertThat(SvgPaths.band(upper, lower))
                .isEqualTo("M0.0 1.0 L10.0 2.0 L20.0 3.0 L20.0 7.0 L10.0 6.0 L0.0 5.0 Z");
    }

    @Test
    void aBandClosesAtEachGapAndLeavesOutSinglePoints() {
        List<Point> upper = List.of(new Point(0, 1), new Point(10, 2), new Point(20, GAP), new Point(30, 4),
                new Point(40, 4), new Point(50, 4), new Point(60, GAP), new Point(70, 9));
        List<Point> lower = List.of(new Point(0, 5), new Point(10, 6), new Point(20, 7), new Point(30, 8),
                new Point(40, 8), new Point(50, 8), new Point(60, 8), new Point(70, 9));
        assertThat(SvgPaths.band(upper, lower)).isEqualTo("M0.0 1.0 L10.0 2.0 L10.0 6.0 L0.0 5.0 Z "
                + "M30.0 4.0 L40.0 4.0 L50.0 4.0 L50.0 8.0 L40.0 8.0 L30.0 8.0 Z");
    }

    @Test
    void numbersHaveOneDecimalAPointAndNoNegativeZero() {
        assertThat(SvgPaths.number(111.40895)).isEqualTo("111.4");
        assertThat(SvgPaths.number(-0.04)).isEqualTo("0.0");
        assertThat(SvgPaths.number(-3.26)).isEqualTo("-3.3");
    }
}
