package org.movierec.router.report.chart;

/**
 * A point in SVG pixel coordinates (x right, y down); NaN in either marks a gap.
 *
 * @param x horizontal pixel
 * @param y vertical pixel
 */
public record Point(double x, double y) {

    /** Whether both coordinates are numbers. */
    public boolean finite() {
        return Double.isFinite(x) && Double.isFinite(y);
    }

    /** {@link #x} as SVG writes it. */
    public String svgX() {
        return SvgPaths.number(x);
    }

    /** {@link #y} as SVG writes it. */
    public String svgY() {
        return SvgPaths.number(y);
    }
}
