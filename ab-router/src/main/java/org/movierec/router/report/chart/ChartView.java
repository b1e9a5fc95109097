package org.movierec.router.report.chart;

import java.util.List;

/**
 * A laid-out chart, everything in SVG pixels, for the page template to draw: the plot frame, the axes'
 * ticks, the series (line, band and point markers) or the per-arm rows, and an optional reference line.
 * The template writes every string through Qute's HTML escaping; the path strings hold only numbers and
 * the letters M, L, Z.
 *
 * @param width the viewBox width
 * @param height the viewBox height
 * @param frame the plot area
 * @param xTicks the horizontal axis' ticks
 * @param yTicks the vertical axis' ticks (empty for a per-arm chart: its rows are labelled)
 * @param xTitle the horizontal axis' title
 * @param yTitle the vertical axis' title
 * @param series the lines over time (empty for a per-arm chart)
 * @param rows the per-arm rows (empty for a chart over time)
 * @param reference a horizontal reference line (the alpha of a p-value chart), or null
 */
public record ChartView(int width, int height, Frame frame, List<Tick> xTicks, List<Tick> yTicks, String xTitle,
        String yTitle, List<PlottedSeries> series, List<ArmRow> rows, Reference reference) {

    public ChartView {
        xTicks = List.copyOf(xTicks);
        yTicks = List.copyOf(yTicks);
        series = List.copyOf(series);
        rows = List.copyOf(rows);
    }

    /** Whether there is nothing to draw (no data yet). */
    public boolean empty() {
        return series.stream().allMatch(s -> s.markers().isEmpty()) && rows.isEmpty();
    }

    /**
     * The plot area.
     *
     * @param left its left edge
     * @param top its top edge
     * @param right its right edge
     * @param bottom its bottom edge
     */
    public record Frame(double left, double top, double right, double bottom) {

        public String svgLeft() {
            return SvgPaths.number(left);
        }

        public String svgTop() {
            return SvgPaths.number(top);
        }

        public String svgRight() {
            return SvgPaths.number(right);
        }

        public String svgBottom() {
            return SvgPaths.number(bottom);
        }

        /** The horizontal centre (the x axis' title). */
        public String svgCentreX() {
            return SvgPaths.number((left + right) / 2);
        }

        /** The vertical centre (the y axis' title, the "no data" text). */
        public String svgCentreY() {
            return SvgPaths.number((top + bottom) / 2);
        }

        /** Below the tick labels of the x axis: its title's baseline. */
        public String svgXTitleY() {
            return SvgPaths.number(bottom + 34);
        }

        /** Below the x axis: its tick labels' baseline. */
        public String svgTickLabelY() {
            return SvgPaths.number(bottom + 17);
        }

        /** Left of the y axis: its tick labels' anchor. */
        public String svgTickLabelX() {
            return SvgPaths.number(left - 6);
        }

        /** The ticks' outer end below the x axis. */
        public String svgTickEndY() {
            return SvgPaths.number(bottom + 4);
        }
    }

    /**
     * A tick: its position along its axis (x for the horizontal axis, y for the vertical one) and label.
     *
     * @param position the pixel
     * @param label the text
     */
    public record Tick(double position, String label) {

        public String svg() {
            return SvgPaths.number(position);
        }
    }

    /**
     * One arm's series.
     *
     * @param name the arm
     * @param colour its colour index
     * @param dashed whether its line is dashed
     * @param line the path of its values
     * @param band the path of its intervals ("" without any)
     * @param markers a marker per value, with its text for the tooltip
     */
    public record PlottedSeries(String name, int colour, boolean dashed, String line, String band, List<Marker> markers) {

        public PlottedSeries {
            markers = List.copyOf(markers);
        }
    }

    /**
     * A data point's marker.
     *
     * @param at where
     * @param label what it says (arm, value, interval, time)
     */
    public record Marker(Point at, String label) {
    }

    /**
     * One arm's row of a per-arm chart: its value in words above, its marks below.
     *
     * @param arm the arm
     * @param colour its colour index
     * @param labelY the baseline of the row's text
     * @param markY the vertical centre of the row's marks
     * @param bar the path of a bar from the frame's left edge to the value (traffic share), "" without
     * @param point the x of the point estimate's dot, NaN without
     * @param whisker the path of the interval's whisker (with end caps), "" without an interval
     * @param target the path of the target's mark (the arm's weight), "" without
     * @param label the row's value in words
     */
    public record ArmRow(String arm, int colour, double labelY, double markY, String bar, double point, String whisker,
            String target, String label) {

        public String svgLabelY() {
            return SvgPaths.number(labelY);
        }

        public String svgMarkY() {
            return SvgPaths.number(markY);
        }

        public boolean hasPoint() {
            return Double.isFinite(point);
        }

        public String svgPoint() {
            return SvgPaths.number(point);
        }
    }

    /**
     * A horizontal reference line across the frame.
     *
     * @param y its pixel
     * @param label its text
     */
    public record Reference(double y, String label) {

        public String svg() {
            return SvgPaths.number(y);
        }
    }
}
