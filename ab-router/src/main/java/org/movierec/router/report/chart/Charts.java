package org.movierec.router.report.chart;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lays out the report's charts in a fixed viewBox (the page scales it to its width): scales from the
 * data, ticks from {@link Ticks}, paths from {@link SvgPaths}. Pure: the same data gives the same SVG.
 */
public final class Charts {

    /** Colours the page's stylesheet defines ({@code .c0} … {@code .c7}); arms beyond reuse them. */
    public static final int COLOURS = 8;
    /** The viewBox width of every chart. */
    public static final int WIDTH = 720;
    /** The viewBox height of a chart over time. */
    public static final int TIME_HEIGHT = 280;
    static final double LEFT = 64;
    static final double RIGHT = 16;
    static final double TOP = 16;
    static final double BOTTOM = 44;
    /** The left margin of a per-arm chart, where the arm names go. */
    static final double ROW_LEFT = 110;
    /** The height of a per-arm chart's row: its text above, its marks below. */
    static final double ROW_HEIGHT = 48;
    /** Half a bar's height. */
    static final double BAR_HALF = 7;
    /** Half a whisker cap's height. */
    static final double CAP_HALF = 6;
    /** At most this many ticks per axis: labels stay readable at the page's narrowest width. */
    static final int MAX_TICKS = 6;
    /** The smallest p-value a log axis shows; smaller ones sit on the axis' floor. */
    static final double SMALLEST_P_VALUE = 1e-12;

    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOURS_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAYS_HOURS = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** How the vertical axis of a chart over time maps its values. */
    public enum ValueAxis {
        /** Linear over the data's range from 0 or above, widened to round ticks (RMSE). */
        LINEAR,
        /** Linear over the data's range, negative values included, widened to round ticks (relative effects). */
        SIGNED,
        /** Linear from 0, labels in percent (rates). */
        PERCENT,
        /** Base-10 logarithmic from the smallest value (or a tenth of the reference) to 1 (p-values). */
        P_VALUE
    }

    private Charts() {
    }

    /**
     * A chart over [from, to] of {@code series}: per arm a line through its values, a band over its
     * intervals, a marker per value; {@code reference} (NaN: none) is drawn as a dashed line named
     * {@code referenceLabel}.
     */
    public static ChartView overTime(Instant from, Instant to, List<TimeSeries> series, ValueAxis axis, String yTitle,
            double reference, String referenceLabel) {
        if (!from.isBefore(to)) {
            to = from.plus(Duration.ofMinutes(1));
        }
        ChartView.Frame frame = timeFrame();
        Scale x = new Scale.Linear(from.toEpochMilli(), to.toEpochMilli(), frame.left(), frame.right());
        List<ChartView.Tick> xTicks = new ArrayList<>();
        DateTimeFormatter format = Duration.between(from, to).compareTo(Duration.ofDays(1)) > 0 ? DAYS_HOURS : HOURS;
        for (Instant t : Ticks.time(from, to, MAX_TICKS)) {
            xTicks.add(new ChartView.Tick(x.map(t.toEpochMilli()), format.format(t)));
        }
        return plot(frame, series, (i, v) -> x.map(v.at().toEpochMilli()), (i, v) -> " at " + format.format(v.at())
                + " UTC", xTicks, "time (UTC)", axis, yTitle, reference, referenceLabel);
    }

    /**
     * A chart of {@code series} over their looks, the n-th value of each series at look n (the p-values of
     * a sequential test: what matters is how they move from look to look, and looks come in bursts in
     * time, so a time axis would crowd them); whole-number ticks; otherwise as {@link #overTime}.
     */
    public static ChartView overLooks(List<TimeSeries> series, ValueAxis axis, String yTitle, double reference,
            String referenceLabel) {
        int looks = Math.max(1, series.stream().mapToInt(s -> s.values().size()).max().orElse(1));
        ChartView.Frame frame = timeFrame();
        Scale x = new Scale.Linear(0.5, looks + 0.5, frame.left(), frame.right());
        double step = looks < 2 ? 1 : Math.max(1, Ticks.niceStep(1, looks, MAX_TICKS));
        List<ChartView.Tick> xTicks = new ArrayList<>();
        for (double look : Ticks.multiples(1, looks, step)) {
            xTicks.add(new ChartView.Tick(x.map(look), Long.toString(Math.round(look))));
        }
        return plot(frame, series, (i, v) -> x.map(i + 1), (i, v) -> ", look " + (i + 1) + " (" + HOURS_SECONDS.format(
                v.at()) + " UTC)", xTicks, "look", axis, yTitle, reference, referenceLabel);
    }

    /** Where a value goes horizontally, and what its marker says about when: by its index and value. */
    private interface ByIndex<T> {
        T of(int index, TimedValue value);
    }

    private static ChartView.Frame timeFrame() {
        return new ChartView.Frame(LEFT, TOP, WIDTH - RIGHT, TIME_HEIGHT - BOTTOM);
    }

    private static ChartView plot(ChartView.Frame frame, List<TimeSeries> series, ByIndex<Double> x,
            ByIndex<String> when, List<ChartView.Tick> xTicks, String xTitle, ValueAxis axis, String yTitle,
            double reference, String referenceLabel) {
        Scale y = valueScale(series, axis, reference, frame);
        List<ChartView.Tick> yTicks = new ArrayList<>();
        List<Double> yValues = axis == ValueAxis.P_VALUE ? Ticks.powersOfTen(y.domainMin(), y.domainMax())
                : Ticks.niceDomain(y.domainMin(), y.domainMax(), MAX_TICKS).ticks();
        for (double v : yValues) {
            yTicks.add(new ChartView.Tick(y.map(v), label(v, axis, yValues)));
        }
        List<ChartView.PlottedSeries> plotted = new ArrayList<>();
        for (TimeSeries s : series) {
            List<Point> values = new ArrayList<>();
            List<Point> lowers = new ArrayList<>();
            List<Point> uppers = new ArrayList<>();
            List<ChartView.Marker> markers = new ArrayList<>();
            for (int i = 0; i < s.values().size(); i++) {
                TimedValue v = s.values().get(i);
                double px = x.of(i, v);
                Point point = new Point(px, mapClipped(y, v.value()));
                values.add(point);
                lowers.add(new Point(px, mapClipped(y, v.lower())));
                uppers.add(new Point(px, mapClipped(y, v.upper())));
                if (point.finite()) {
                    markers.add(new ChartView.Marker(point, s.name() + when.of(i, v) + ": " + markerValue(v, axis)));
                }
            }
            plotted.add(new ChartView.PlottedSeries(s.name(), s.colour(), s.dashed(), SvgPaths.line(values),
                    SvgPaths.band(uppers, lowers), markers));
        }
        ChartView.Reference line = Double.isFinite(reference)
                ? new ChartView.Reference(y.map(reference), referenceLabel) : null;
        return new ChartView(WIDTH, TIME_HEIGHT, frame, xTicks, yTicks, xTitle, yTitle, plotted, List.of(), line);
    }

    /**
     * A chart of one row per arm on a 0..100 % axis: {@code values} as points with their intervals
     * (watch-through) or as bars (traffic share), {@code targets} as tick marks (weights); NaN: none.
     *
     * @param arms the arms' names, in arm order (their position is their colour)
     * @param values each arm's value (a share, 0..1)
     * @param lowers each arm's interval's lower bound
     * @param uppers each arm's interval's upper bound
     * @param targets each arm's target share
     * @param bars whether the values are drawn as bars (else as points)
     * @param labels each arm's value in words
     */
    public static ChartView perArm(List<String> arms, double[] values, double[] lowers, double[] uppers,
            double[] targets, boolean bars, List<String> labels, String xTitle) {
        int height = (int) (TOP + ROW_HEIGHT * arms.size() + BOTTOM);
        ChartView.Frame frame = new ChartView.Frame(ROW_LEFT, TOP, WIDTH - RIGHT, height - BOTTOM);
        double max = 0;
        for (int i = 0; i < arms.size(); i++) {
            max = max(max, values[i], uppers[i], targets[i]);
        }
        double top = max <= 0 ? 1 : Math.min(1, Ticks.niceDomain(0, max * 1.05, MAX_TICKS).upper());
        Scale x = new Scale.Linear(0, top, frame.left(), frame.right());
        List<Double> tickValues = Ticks.linear(0, top, MAX_TICKS);
        List<ChartView.Tick> xTicks = new ArrayList<>();
        for (double v : tickValues) {
            xTicks.add(new ChartView.Tick(x.map(v), label(v, ValueAxis.PERCENT, tickValues)));
        }
        List<ChartView.ArmRow> rows = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            double rowTop = TOP + ROW_HEIGHT * i;
            double mark = rowTop + ROW_HEIGHT * 0.65;
            String bar = bars && Double.isFinite(values[i]) ? rectangle(frame.left(), x.map(values[i]), mark, BAR_HALF) : "";
            String whisker = Double.isFinite(lowers[i]) && Double.isFinite(uppers[i])
                    ? whisker(x.map(lowers[i]), x.map(uppers[i]), mark) : "";
            String target = Double.isFinite(targets[i]) ? vertical(x.map(targets[i]), mark, BAR_HALF + 4) : "";
            rows.add(new ChartView.ArmRow(arms.get(i), Math.floorMod(i, COLOURS), rowTop + ROW_HEIGHT * 0.3, mark, bar,
                    bars || !Double.isFinite(values[i]) ? Double.NaN : x.map(values[i]), whisker, target, labels.get(i)));
        }
        return new ChartView(WIDTH, height, frame, xTicks, List.of(), xTitle, "", List.of(), rows, null);
    }

    /** A rectangle from x0 to x1, {@code half} above and below {@code y}. */
    static String rectangle(double x0, double x1, double y, double half) {
        return "M" + SvgPaths.number(x0) + " " + SvgPaths.number(y - half) + " H" + SvgPaths.number(x1) + " V"
                + SvgPaths.number(y + half) + " H" + SvgPaths.number(x0) + " Z";
    }

    /** An interval's whisker from x0 to x1 at {@code y}, with end caps. */
    static String whisker(double x0, double x1, double y) {
        return "M" + SvgPaths.number(x0) + " " + SvgPaths.number(y) + " H" + SvgPaths.number(x1) + " "
                + vertical(x0, y, CAP_HALF) + " " + vertical(x1, y, CAP_HALF);
    }

    /** A vertical mark at x, {@code half} above and below {@code y}. */
    static String vertical(double x, double y, double half) {
        return "M" + SvgPaths.number(x) + " " + SvgPaths.number(y - half) + " V" + SvgPaths.number(y + half);
    }

    /** The vertical scale of a chart over time, over every value, bound and the reference. */
    static Scale valueScale(List<TimeSeries> series, ValueAxis axis, double reference, ChartView.Frame frame) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (TimeSeries s : series) {
            for (TimedValue v : s.values()) {
                for (double d : new double[] {v.value(), v.lower(), v.upper()}) {
                    if (Double.isFinite(d)) {
                        min = Math.min(min, d);
                        max = Math.max(max, d);
                    }
                }
            }
        }
        if (Double.isFinite(reference)) {
            min = Math.min(min, reference);
            max = Math.max(max, reference);
        }
        return switch (axis) {
            case P_VALUE -> {
                double floor = Double.isFinite(min) ? Math.max(SMALLEST_P_VALUE, Math.min(min, 0.1)) : 0.01;
                if (Double.isFinite(reference)) {
                    floor = Math.min(floor, reference / 10);
                }
                yield new Scale.Log10(Math.pow(10, Math.floor(Math.log10(floor) + 1e-9)), 1, frame.bottom(), frame.top());
            }
            case PERCENT -> {
                double top = Double.isFinite(max) && max > 0 ? Ticks.niceDomain(0, max, MAX_TICKS).upper() : 1;
                yield new Scale.Linear(0, top, frame.bottom(), frame.top());
            }
            case LINEAR -> {
                if (!Double.isFinite(min)) {
                    yield new Scale.Linear(0, 1, frame.bottom(), frame.top());
                }
                double pad = max > min ? 0 : Math.max(0.5, Math.abs(min) * 0.1);
                Ticks.Domain domain = Ticks.niceDomain(Math.max(0, min - pad), max + pad, MAX_TICKS);
                yield new Scale.Linear(domain.lower(), domain.upper(), frame.bottom(), frame.top());
            }
            case SIGNED -> {
                if (!Double.isFinite(min)) {
                    yield new Scale.Linear(-1, 1, frame.bottom(), frame.top());
                }
                double pad = max > min ? 0 : Math.max(0.5, Math.abs(min) * 0.1);
                Ticks.Domain domain = Ticks.niceDomain(min - pad, max + pad, MAX_TICKS);
                yield new Scale.Linear(domain.lower(), domain.upper(), frame.bottom(), frame.top());
            }
        };
    }

    /** {@code value} on {@code scale}, clipped to its domain (a p-value below the log axis' floor sits on it). */
    private static double mapClipped(Scale scale, double value) {
        if (!Double.isFinite(value)) {
            return Double.NaN;
        }
        return scale.map(Math.max(scale.domainMin(), Math.min(scale.domainMax(), value)));
    }

    private static double mapOrNaN(Scale scale, double value) {
        return Double.isFinite(value) ? scale.map(value) : Double.NaN;
    }

    private static double max(double current, double... candidates) {
        for (double c : candidates) {
            if (Double.isFinite(c)) {
                current = Math.max(current, c);
            }
        }
        return current;
    }

    /** A tick label: percent for rates, 10^k as a decimal down to 0.001 then as 1e-k, else the ticks' decimals. */
    static String label(double value, ValueAxis axis, List<Double> ticks) {
        return switch (axis) {
            case PERCENT -> decimals(value * 100, ticks.size() < 2 ? 0 : decimalsOf((ticks.get(1) - ticks.get(0)) * 100))
                    + " %";
            case P_VALUE -> value >= 1e-3 ? decimals(value, (int) Math.max(0, -Math.floor(Math.log10(value) + 1e-9)))
                    : "1e" + Math.round(Math.log10(value));
            case LINEAR, SIGNED -> decimals(value, ticks.size() < 2 ? 2 : decimalsOf(ticks.get(1) - ticks.get(0)));
        };
    }

    /** The decimals a step needs: 0.05 → 2, 0.2 → 1, 5 → 0. */
    static int decimalsOf(double step) {
        return (int) Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
    }

    /** {@code value} with {@code decimals} decimals. */
    public static String decimals(double value, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return s.startsWith("-") && s.matches("-0\\.?0*") ? s.substring(1) : s;
    }

    private static String markerValue(TimedValue v, ValueAxis axis) {
        String value = switch (axis) {
            case PERCENT -> decimals(v.value() * 100, 1) + " %";
            case P_VALUE -> "p = " + String.format(Locale.ROOT, "%.3g", v.value());
            case LINEAR, SIGNED -> decimals(v.value(), 3);
        };
        String interval = Double.isFinite(v.lower()) && Double.isFinite(v.upper())
                ? axis == ValueAxis.PERCENT
                        ? " [" + decimals(v.lower() * 100, 1) + ", " + decimals(v.upper() * 100, 1) + "] %"
                        : " [" + decimals(v.lower(), 3) + ", " + decimals(v.upper(), 3) + "]"
                : "";
        return value + interval;
    }
}
