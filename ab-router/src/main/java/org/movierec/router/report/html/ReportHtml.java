package org.movierec.router.report.html;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.movierec.router.stats.ConfidenceInterval;
import org.movierec.router.report.ArmBucket;
import org.movierec.router.report.ArmComparison;
import org.movierec.router.report.ArmReport;
import org.movierec.router.report.ArmTelemetry;
import org.movierec.router.report.ExperimentReport;
import org.movierec.router.report.ReportPage;
import org.movierec.router.report.ReportTimeline;
import org.movierec.router.report.SequentialLooks.StoredLook;
import org.movierec.router.report.chart.ChartView;
import org.movierec.router.report.chart.Charts;
import org.movierec.router.report.chart.TimeSeries;
import org.movierec.router.report.chart.TimedValue;

/**
 * Turns a {@link ReportPage} into the {@link ReportView} the page template draws: the report's own
 * figures formatted for reading (nothing is recomputed: RMSE, intervals, tests and decisions are those of
 * the {@link ExperimentReport}), and the five charts laid out by {@link Charts}. Pure.
 */
public final class ReportHtml {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ReportHtml() {
    }

    /** The view of {@code page}. */
    public static ReportView view(ReportPage page) {
        ExperimentReport report = page.report();
        long srmTotal = 0;
        for (long users : report.srmUsers()) {
            srmTotal += users;
        }
        List<ReportView.ArmLine> arms = new ArrayList<>();
        for (int i = 0; i < report.arms().size(); i++) {
            ArmReport a = report.arms().get(i);
            ArmTelemetry t = a.telemetry();
            arms.add(new ReportView.ArmLine(a.arm(), colour(i), a.modelVersion(), a.weight() + " %", count(t.users()),
                    count(t.answered()), count(t.ratings()), decimals(t.rmse(), 3), interval(a.rmseInterval(), false),
                    percent(t.watchThroughRate()), interval(a.watchThroughInterval(), true), millis(t.latencyP50Ms()),
                    millis(t.latencyP99Ms()), percent(t.errorRate()), percent(t.fallbackRate()),
                    srmTotal == 0 ? "–" : percent((double) report.srmUsers()[i] / srmTotal)));
        }
        List<ReportView.ComparisonLine> lines = new ArrayList<>();
        for (ArmComparison c : report.comparisons()) {
            var welch = c.squaredErrors();
            var proportions = c.watchThrough();
            lines.add(new ReportView.ComparisonLine(c.arm(), c.baseline(), "Online RMSE", signed(c.rmseDifference(), 4),
                    welch == null ? "–" : "MSE " + signed(welch.difference(), 4) + " " + interval(welch.confidenceInterval(),
                            false),
                    welch == null ? "–" : pValue(welch.pValue()),
                    c.sequentialMse() == null ? "–" : pValue(c.sequentialMse().pValue()), c.rmseDecision()));
            lines.add(new ReportView.ComparisonLine(c.arm(), c.baseline(), "Watch-through",
                    proportions == null ? "–" : signedPercent(proportions.difference()),
                    proportions == null ? "–" : interval(proportions.confidenceInterval(), true),
                    proportions == null ? "–" : pValue(proportions.pValue()),
                    c.sequentialWatchThrough() == null ? "–" : pValue(c.sequentialWatchThrough().pValue()),
                    c.watchThroughDecision()));
        }
        var e = report.experiment();
        return new ReportView(e.id(), e.name(), e.type().wireName(), e.status().wireName(), when(e.createdAt()),
                e.endedAt() == null ? null : when(e.endedAt()), e.endReason(), when(report.generatedAt()), arms, lines,
                srmLine(report), report.sampleRatioMismatch() != null && report.sampleRatioMismatch().mismatch(),
                List.of(rmseOverTime(page), watchThroughPerArm(report), watchThroughOverTime(page), pValues(page),
                        trafficSplit(report)));
    }

    static ReportView.Figure rmseOverTime(ReportPage page) {
        ReportTimeline timeline = page.timeline();
        List<TimeSeries> series = new ArrayList<>();
        List<String> names = armNames(page.report());
        for (int i = 0; i < names.size(); i++) {
            series.add(new TimeSeries(names.get(i), colour(i), false, slots(timeline, names.get(i), b -> {
                ConfidenceInterval ci = b.rmseInterval();
                return new double[] {b.rmse(), ci == null ? Double.NaN : ci.lower(), ci == null ? Double.NaN : ci.upper()};
            })));
        }
        Instant[] domain = slotDomain(timeline);
        ChartView chart = Charts.overTime(domain[0], domain[1], series, Charts.ValueAxis.LINEAR, "online RMSE",
                Double.NaN, null);
        StringBuilder summary = new StringBuilder("Whole experiment: ");
        for (ArmReport a : page.report().arms()) {
            summary.append(a.arm()).append(" RMSE ").append(decimals(a.telemetry().rmse(), 3)).append(' ')
                    .append(interval(a.rmseInterval(), false)).append(" over ").append(count(a.telemetry().ratings()))
                    .append(" ratings; ");
        }
        return new ReportView.Figure("rmse-over-time", "Online RMSE per arm over time",
                "Online RMSE of each arm per " + duration(timeline.width()) + " bucket: the square root of the mean of "
                        + "(predicted − rating)² over the bucket's rated predictions, with its 95 % interval as a band "
                        + "(a bucket with fewer than 2 ratings has no band). Lower is better.",
                trimmed(summary), chart, legend(series), "No rated predictions yet.");
    }

    static ReportView.Figure watchThroughOverTime(ReportPage page) {
        ReportTimeline timeline = page.timeline();
        List<TimeSeries> series = new ArrayList<>();
        List<String> names = armNames(page.report());
        for (int i = 0; i < names.size(); i++) {
            series.add(new TimeSeries(names.get(i), colour(i), false, slots(timeline, names.get(i), b -> {
                ConfidenceInterval ci = b.watchThroughInterval();
                return new double[] {b.watchThroughRate(), ci == null ? Double.NaN : ci.lower(),
                    ci == null ? Double.NaN : ci.upper()};
            })));
        }
        Instant[] domain = slotDomain(timeline);
        ChartView chart = Charts.overTime(domain[0], domain[1], series, Charts.ValueAxis.PERCENT, "watch-through",
                Double.NaN, null);
        return new ReportView.Figure("watch-through-over-time", "Watch-through per arm over time",
                "Share of each arm's answers followed by a watch of one of their movies, per "
                        + duration(timeline.width()) + " bucket, with its 95 % Wilson interval as a band. Higher is better.",
                "Per bucket watch-through of each arm; the whole experiment's figures are in the table.", chart,
                legend(series), "No answers yet.");
    }

    static ReportView.Figure watchThroughPerArm(ExperimentReport report) {
        int n = report.arms().size();
        double[] values = new double[n];
        double[] lowers = new double[n];
        double[] uppers = new double[n];
        double[] none = new double[n];
        List<String> labels = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        for (int i = 0; i < n; i++) {
            ArmReport a = report.arms().get(i);
            values[i] = a.telemetry().watchThroughRate();
            lowers[i] = a.watchThroughInterval() == null ? Double.NaN : a.watchThroughInterval().lower();
            uppers[i] = a.watchThroughInterval() == null ? Double.NaN : a.watchThroughInterval().upper();
            none[i] = Double.NaN;
            String label = percent(values[i]) + " " + interval(a.watchThroughInterval(), true) + " of "
                    + count(a.telemetry().answered()) + " answers";
            labels.add(label);
            summary.append(a.arm()).append(": ").append(label).append("; ");
        }
        ChartView chart = Charts.perArm(armNames(report), values, lowers, uppers, none, false, labels, "watch-through");
        return new ReportView.Figure("watch-through", "Watch-through per arm",
                "Watch-through of each arm over the whole experiment (dot) with its 95 % Wilson interval (whisker). "
                        + "Arms whose whiskers do not overlap differ; the comparison table has the test.",
                trimmed(summary), chart, List.of(), "No answers yet.");
    }

    static ReportView.Figure pValues(ReportPage page) {
        ExperimentReport report = page.report();
        List<TimeSeries> series = new ArrayList<>();
        List<String> names = armNames(report);
        StringBuilder summary = new StringBuilder();
        for (ArmComparison c : report.comparisons()) {
            int colour = colour(names.indexOf(c.arm()));
            List<StoredLook> mse = page.mseLooks().getOrDefault(c.arm(), List.of());
            List<StoredLook> watch = page.watchThroughLooks().getOrDefault(c.arm(), List.of());
            series.add(new TimeSeries(c.arm() + " · RMSE", colour, false, looks(mse)));
            series.add(new TimeSeries(c.arm() + " · watch-through", colour, true, looks(watch)));
            summary.append(c.arm()).append(": RMSE p ")
                    .append(c.sequentialMse() == null ? "–" : pValue(c.sequentialMse().pValue())).append(" after ")
                    .append(mse.size()).append(" looks, watch-through p ")
                    .append(c.sequentialWatchThrough() == null ? "–" : pValue(c.sequentialWatchThrough().pValue()))
                    .append(" after ").append(watch.size()).append(" looks; ");
        }
        ChartView chart = Charts.overLooks(series, Charts.ValueAxis.P_VALUE, "always-valid p-value", page.alpha(),
                "α = " + decimals(page.alpha(), 2));
        return new ReportView.Figure("p-values", "Always-valid p-value over the looks",
                "The mSPRT's always-valid p-value after each stored look at this report, oldest first (log scale; "
                        + "solid: RMSE, the difference of mean squared errors; dashed: watch-through). It never rises; "
                        + "once it is below α (the red line) the decision may stop the experiment at that look "
                        + "without inflating false positives. Every view of this page or of the JSON report is a look.",
                trimmed(summary), chart, legend(series), "No look with enough data yet.");
    }

    static ReportView.Figure trafficSplit(ExperimentReport report) {
        int n = report.arms().size();
        long total = 0;
        for (long users : report.srmUsers()) {
            total += users;
        }
        double[] actual = new double[n];
        double[] targets = new double[n];
        double[] none = new double[n];
        List<String> labels = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        for (int i = 0; i < n; i++) {
            actual[i] = total == 0 ? Double.NaN : (double) report.srmUsers()[i] / total;
            targets[i] = report.arms().get(i).weight() / 100.0;
            none[i] = Double.NaN;
            String label = percent(actual[i]) + " of " + count(total) + " users (target " + report.arms().get(i).weight()
                    + " %)";
            labels.add(label);
            summary.append(report.arms().get(i).arm()).append(": ").append(label).append("; ");
        }
        ChartView chart = Charts.perArm(armNames(report), actual, none, none, targets, true, labels, "share of users");
        return new ReportView.Figure("traffic-split", "Traffic split: actual against target",
                "Each arm's share of the distinct users seen since the weights last changed ("
                        + when(report.experiment().weightsSince()) + " UTC) as a bar, its weight as a black mark. "
                        + srmLine(report),
                trimmed(summary), chart, List.of(), "No users yet.");
    }

    /** The report's SRM check in words. */
    static String srmLine(ExperimentReport report) {
        var srm = report.sampleRatioMismatch();
        if (srm == null) {
            return "Sample-ratio check: no users yet.";
        }
        return (srm.mismatch() ? "Sample-ratio MISMATCH" : "No sample-ratio mismatch") + " (χ² = "
                + decimals(srm.statistic(), 2) + ", df " + srm.degreesOfFreedom() + ", p = " + pValue(srm.pValue())
                + ", flagged below " + pValue(srm.threshold()) + ")"
                + (srm.mismatch() ? ": the assignment or the logging is broken; do not trust the other numbers." : ".");
    }

    /** The value function of {@link #slots}: value, lower, upper of a bucket. */
    private interface BucketValues {
        double[] of(ArmBucket bucket);
    }

    /**
     * One value per bucket slot of the timeline (its centre), NaN where the arm has no bucket, so the
     * chart leaves a gap rather than drawing across a period without data.
     */
    private static List<TimedValue> slots(ReportTimeline timeline, String arm, BucketValues values) {
        Map<Instant, ArmBucket> byStart = new HashMap<>();
        timeline.of(arm).forEach(b -> byStart.put(b.start(), b));
        Instant[] domain = slotDomain(timeline);
        List<TimedValue> result = new ArrayList<>();
        Duration half = timeline.width().dividedBy(2);
        for (Instant start = domain[0]; start.isBefore(domain[1]); start = start.plus(timeline.width())) {
            ArmBucket b = byStart.get(start);
            if (b == null) {
                result.add(TimedValue.of(start.plus(half), Double.NaN));
            } else {
                double[] v = values.of(b);
                result.add(new TimedValue(start.plus(half), v[0], v[1], v[2]));
            }
        }
        return result;
    }

    /** [start of the first bucket, end of the last bucket] of the timeline's [from, to]. */
    static Instant[] slotDomain(ReportTimeline timeline) {
        long w = timeline.width().toMillis();
        long from = Math.floorDiv(timeline.from().toEpochMilli(), w) * w;
        long to = Math.max(from + w, (Math.floorDiv(timeline.to().toEpochMilli(), w) + 1) * w);
        for (ArmBucket b : timeline.buckets()) {
            to = Math.max(to, b.start().toEpochMilli() + w);
        }
        return new Instant[] {Instant.ofEpochMilli(from), Instant.ofEpochMilli(to)};
    }

    private static List<TimedValue> looks(List<StoredLook> looks) {
        return looks.stream().map(l -> TimedValue.of(l.at(), l.pValue())).toList();
    }

    private static List<ReportView.LegendEntry> legend(List<TimeSeries> series) {
        return series.stream().map(s -> new ReportView.LegendEntry(s.name(), s.colour(), s.dashed())).toList();
    }

    private static List<String> armNames(ExperimentReport report) {
        return report.arms().stream().map(ArmReport::arm).toList();
    }

    static int colour(int armIndex) {
        return Math.floorMod(armIndex, Charts.COLOURS);
    }

    private static String trimmed(StringBuilder summary) {
        String s = summary.toString().strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) + "." : s;
    }

    static String when(Instant at) {
        return at == null ? "–" : WHEN.format(at);
    }

    static String duration(Duration d) {
        if (d.toDays() > 0 && d.toHours() % 24 == 0) {
            return d.toDays() == 1 ? "1-day" : d.toDays() + "-day";
        }
        if (d.toHours() > 0 && d.toMinutes() % 60 == 0) {
            return d.toHours() + "-hour";
        }
        return d.toMinutes() + "-minute";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String decimals(double value, int decimals) {
        return Double.isFinite(value) ? Charts.decimals(value, decimals) : "–";
    }

    static String signed(double value, int decimals) {
        return Double.isFinite(value) ? (value > 0 ? "+" : "") + Charts.decimals(value, decimals) : "–";
    }

    static String percent(double share) {
        return Double.isFinite(share) ? Charts.decimals(share * 100, 1) + " %" : "–";
    }

    static String signedPercent(double share) {
        return Double.isFinite(share) ? (share > 0 ? "+" : "") + Charts.decimals(share * 100, 2) + " % points" : "–";
    }

    static String millis(double ms) {
        return Double.isFinite(ms) ? Charts.decimals(ms, 1) + " ms" : "–";
    }

    /** A p-value: 4 decimals, or 2 significant digits in scientific notation below 0.0001. */
    static String pValue(double p) {
        if (!Double.isFinite(p)) {
            return "–";
        }
        return p >= 1e-4 ? String.format(Locale.ROOT, "%.4f", p) : String.format(Locale.ROOT, "%.1e", p);
    }

    /** "[lower, upper]" (rates in percent), "–" without an interval. */
    static String interval(ConfidenceInterval ci, boolean percent) {
        if (ci == null) {
            return "–";
        }
        return percent ? "[" + Charts.decimals(ci.lower() * 100, 1) + ", " + Charts.decimals(ci.upper() * 100, 1) + "] %"
                : "[" + Charts.decimals(ci.lower(), 3) + ", " + Charts.decimals(ci.upper(), 3) + "]";
    }
}
