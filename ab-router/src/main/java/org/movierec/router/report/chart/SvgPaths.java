package org.movierec.router.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SVG path data ({@code d} attributes) from points already in pixel coordinates. A point with a NaN
 * coordinate is a gap (a time bucket without data): the line lifts the pen there and the band closes,
 * so nothing is drawn across a period that has no numbers. Coordinates are written with one decimal
 * (a tenth of a pixel is below what a screen shows) and {@link Locale#ROOT} (never a decimal comma).
 */
public final class SvgPaths {

    private SvgPaths() {
    }

    /** A polyline through {@code points}: {@code M x y L x y ...}, a new {@code M} after every gap; "" if none. */
    public static String line(List<Point> points) {
        StringBuilder d = new StringBuilder();
        boolean penDown = false;
        for (Point p : points) {
            if (!p.finite()) {
                penDown = false;
                continue;
            }
            if (!d.isEmpty()) {
                d.append(' ');
            }
            d.append(penDown ? 'L' : 'M').append(number(p.x())).append(' ').append(number(p.y()));
            penDown = true;
        }
        return d.toString();
    }

    /**
     * The area between {@code upper} and {@code lower} (same length, same x at each index): for each run of
     * indexes where both are finite, along the upper edge, back along the lower edge, {@code Z}. A run of a
     * single index is a vertical segment (an interval at one time), which has no area: it is left out,
     * since the point's own marker shows it.
     */
    public static String band(List<Point> upper, List<Point> lower) {
        if (upper.size() != lower.size()) {
            throw new IllegalArgumentException("upper and lower differ in length: " + upper.size() + " vs " + lower.size());
        }
        List<String> runs = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= upper.size(); i++) {
            boolean inside = i < upper.size() && upper.get(i).finite() && lower.get(i).finite();
            if (inside && start < 0) {
                start = i;
            } else if (!inside && start >= 0) {
                if (i - start >= 2) {
                    runs.add(closedRun(upper, lower, start, i));
                }
                start = -1;
            }
        }
        return String.join(" ", runs);
    }

    private static String closedRun(List<Point> upper, List<Point> lower, int from, int to) {
        StringBuilder d = new StringBuilder();
        for (int i = from; i < to; i++) {
            d.append(i == from ? "M" : " L").append(number(upper.get(i).x())).append(' ').append(number(upper.get(i).y()));
        }
        for (int i = to - 1; i >= from; i--) {
            d.append(" L").append(number(lower.get(i).x())).append(' ').append(number(lower.get(i).y()));
        }
        return d.append(" Z").toString();
    }

    /** A coordinate with one decimal, "-0.0" written as "0.0". */
    public static String number(double value) {
        String s = String.format(Locale.ROOT, "%.1f", value);
        return s.equals("-0.0") ? "0.0" : s;
    }
}
