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
import org.movierec.router.experiments.Metric;
import org.movierec.router.stats.ConfidenceInterval;
import org.movierec.router.stats.PairedComparison;
import org.movierec.router.stats.RelativeEffect;
import org.movierec.router.stats.SampleRatioMismatch;
import org.movierec.router.report.ArmBucket;
import org.movierec.router.report.ArmComparison;
import org.movierec.router.report.ArmReport;
import org.movierec.router.report.ArmTelemetry;
import org.movierec.router.report.BucketReport;
import org.movierec.router.report.Effect;
import org.movierec.router.report.ExperimentReport;
import org.movierec.router.report.MetricComparison;
import org.movierec.router.report.PairedResult;
import org.movierec.router.report.PeriodReport;
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
                    count(t.answered()), count(t.ratings()), decimals(a.rmse(), 3), interval(a.rmseInterval(), false),
                    percent(a.watchThrough()), interval(a.watchThroughInterval(), true), millis(t.latencyP50Ms()),
                    millis(t.latencyP99Ms()), percent(t.errorRate()), percent(t.fallbackRate()),
                    count(a.exposure().otherVersionAnswers()) + " (" + count(a.exposure().otherVersionUsers()) + " users)",
                    srmTotal == 0 ? "–" : percent((double) report.srmUsers()[i] / srmTotal)));
        }
        List<ReportView.ComparisonLine> lines = new ArrayList<>();
        List<ReportView.DecisionLine> decisions = new ArrayList<>();
        Long planned = report.experiment().plan().plannedUsersPerArm();
        for (ArmComparison c : report.comparisons()) {
            for (MetricComparison m : c.metrics()) {
                lines.add(metricLine(c.arm(), m, planned));
            }
            lines.add(pairedLine(c.arm(), c.paired()));
            decisions.add(new ReportView.DecisionLine(c.arm(), c.decision(), c.decision().startsWith("stop")));
        }
        List<ReportView.PeriodLine> periods = new ArrayList<>();
        for (PeriodReport p : report.periods()) {
            StringBuilder weights = new StringBuilder();
            StringBuilder users = new StringBuilder();
            for (int i = 0; i < report.arms().size(); i++) {
                String arm = report.arms().get(i).arm();
                weights.append(i == 0 ? "" : ", ").append(arm).append(' ').append(p.weights().getOrDefault(arm, 0))
                        .append(" %");
                users.append(i == 0 ? "" : ", ").append(arm).append(' ').append(count(p.users()[i]));
            }
            periods.add(new ReportView.PeriodLine(when(p.from()), when(p.to()), weights.toString(), users.toString(),
                    srmWords(p.sampleRatioMismatch()), effects(p.effects())));
        }
        List<ReportView.BucketLine> timeline = new ArrayList<>();
        for (BucketReport b : report.timeline()) {
            timeline.add(new ReportView.BucketLine(when(b.start()), effects(b.effects())));
        }
        var e = report.experiment();
        var plan = e.plan();
        String window = "From going live " + when(report.from()) + " to " + when(report.to())
                + " UTC; watch-through counts answers served before " + when(report.watchCutoff())
                + " UTC (later ones may still be watched within the watch window).";
        String analysis = "Unit: the user (user-level variances). Population: intention-to-treat, every user in the arm"
                + " they were assigned to. Primary metric: " + plan.primary().wireName() + " at α = "
                + decimals(report.settings().alpha(), 3) + "; guardrails: "
                + String.join(", ", plan.guardrails().stream().map(Metric::wireName).toList()) + " at α = "
                + decimals(report.settings().guardrailAlpha(), 3) + "; power " + percent(report.settings().power())
                + (planned == null ? "; no planned sample." : "; planned " + count(planned) + " users per arm.");
        return new ReportView(e.id(), e.name(), e.type().wireName(), e.status().wireName(), when(e.createdAt()),
                e.endedAt() == null ? null : when(e.endedAt()), e.endReason(), when(report.generatedAt()), window,
                analysis, arms, lines, decisions, periods, timeline, report.notes(), srmLine(report),
                report.sampleRatioMismatch() != null && report.sampleRatioMismatch().mismatch(),
                List.of(liftOverTime(page, Metric.WATCH_THROUGH), liftOverTime(page, Metric.RMSE), rmseOverTime(page),
                        watchThroughPerArm(report), watchThroughOverTime(page), pValues(page), trafficSplit(report)));
    }

    private static ReportView.ComparisonLine metricLine(String arm, MetricComparison m, Long planned) {
        Effect e = m.effect();
        boolean rate = m.metric() == Metric.WATCH_THROUGH || m.metric() == Metric.ERROR_RATE;
        boolean latency = m.metric() == Metric.LATENCY_P99;
        String values = latency ? millis(e.control()) + " → " + millis(e.treatment())
                : rate ? percent(e.control()) + " → " + percent(e.treatment())
                : decimals(e.control(), 4) + " → " + decimals(e.treatment(), 4);
        String difference = latency ? signed(e.difference(), 1) + " ms"
                : (rate ? signedPercent(e.difference()) : signed(e.difference(), 4)) + " "
                        + (e.interval() == null ? "" : rate ? pointsInterval(e.interval()) : interval(e.interval(), false));
        String design = Double.isFinite(m.designEffect()) ? decimals(m.designEffect(), 2)
                + (m.cupedVarianceReduction() > 0 ? " · CUPED −" + percent(m.cupedVarianceReduction()) : "")
                : "–";
        String fixed = latency ? "–" : pValue(e.pValue()) + (planned == null ? " (descriptive)"
                : m.fixedHorizonValid() ? " (valid)" : " (at " + count(planned) + "/arm)");
        String always = latency ? "limit +" + decimals(m.effectOfInterest(), 0) + " ms"
                : m.alwaysValid() == null ? "no look yet"
                : pValue(m.alwaysValid().pValue()) + " after " + m.alwaysValid().looks() + " looks (α "
                        + decimals(m.alpha(), 3) + ")";
        return new ReportView.ComparisonLine(arm, m.metric().wireName() + " · " + m.role(), values, difference,
                relative(e.relative()), design, fixed, always, m.verdict(), m.significant() || m.breached());
    }

    private static ReportView.ComparisonLine pairedLine(String arm, PairedResult p) {
        PairedComparison c = p.comparison();
        String always = p.alwaysValid() == null ? "no look yet"
                : pValue(p.alwaysValid().pValue()) + " after " + p.alwaysValid().looks() + " looks";
        if (c == null) {
            return new ReportView.ComparisonLine(arm, "rmse · paired (same ratings)", "–", "–", "–", "–", "–", always,
                    p.verdict(), false);
        }
        return new ReportView.ComparisonLine(arm, "rmse · paired (same " + count(c.ratings()) + " ratings)",
                decimals(c.rmseC(), 4) + " → " + decimals(c.rmseT(), 4),
                "MSE " + signed(c.meanDifference(), 4) + " " + interval(c.interval(), false),
                relative(c.relativeRmseChange()), "–", pValue(c.pValue()), always, p.verdict(), p.significant());
    }

    /** Each arm's watch-through and RMSE relative effects with intervals, in words. */
    private static String effects(Map<String, List<Effect>> effects) {
        StringBuilder words = new StringBuilder();
        effects.forEach((arm, list) -> {
            words.append(arm).append(':');
            for (Effect e : list) {
                words.append(' ').append(e.metric().wireName()).append(' ').append(relative(e.relative())).append(';');
            }
            words.append(' ');
        });
        String text = words.toString().strip();
        return text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
    }

    /** A relative effect "+3.4 % [+1.2, +5.6] %", "–" without one. */
    static String relative(RelativeEffect r) {
        if (r == null || !Double.isFinite(r.estimate())) {
            return "–";
        }
        return signed(r.estimate() * 100, 1) + " % [" + signed(r.interval().lower() * 100, 1) + ", "
                + signed(r.interval().upper() * 100, 1) + "] %";
    }

    /** A difference of rates' interval in percentage points. */
    private static String pointsInterval(ConfidenceInterval ci) {
        return "[" + signed(ci.lower() * 100, 2) + ", " + signed(ci.upper() * 100, 2) + "] pts";
    }

    /**
     * The relative effect of each compared arm on {@code metric} per time bucket, with its interval as a band:
     * novelty shows as a lift that fades, primacy as one that grows.
     */
    static ReportView.Figure liftOverTime(ReportPage page, Metric metric) {
        ExperimentReport report = page.report();
        List<String> names = armNames(report);
        List<TimeSeries> series = new ArrayList<>();
        Duration width = page.timeline().width();
        Duration half = width.dividedBy(2);
        for (ArmComparison c : report.comparisons()) {
            List<TimedValue> values = new ArrayList<>();
            for (BucketReport b : report.timeline()) {
                Effect e = b.effects().getOrDefault(c.arm(), List.of()).stream().filter(x -> x.metric() == metric)
                        .findFirst().orElse(null);
                RelativeEffect r = e == null ? null : e.relative();
                values.add(r == null || !Double.isFinite(r.estimate())
                        ? TimedValue.of(b.start().plus(half), Double.NaN)
                        : new TimedValue(b.start().plus(half), r.estimate() * 100, r.interval().lower() * 100,
                                r.interval().upper() * 100));
            }
            series.add(new TimeSeries(c.arm(), colour(names.indexOf(c.arm())), false, values));
        }
        Instant[] domain = slotDomain(page.timeline());
        ChartView chart = Charts.overTime(domain[0], domain[1], series, Charts.ValueAxis.SIGNED,
                "relative effect on " + metric.wireName() + " (%)", 0, "no effect");
        String name = metric == Metric.RMSE ? "online RMSE" : "watch-through";
        return new ReportView.Figure("lift-" + metric.wireName(), "Relative effect on " + name + " over time",
                "Each arm's " + name + " relative to control's (arm / control − 1, in %) per " + duration(width)
                        + " bucket, with its 95 % user-level interval as a band; the red line is no effect. A lift that"
                        + " fades over the buckets is a novelty effect, one that grows a primacy effect; each weight"
                        + " period is also analysed on its own in the table above.",
                "Per-bucket relative effects are listed in the timeline table.", chart, legend(series),
                "Not enough data in any bucket yet.");
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
            summary.append(a.arm()).append(" RMSE ").append(decimals(a.rmse(), 3)).append(' ')
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
            values[i] = a.watchThrough();
            lowers[i] = a.watchThroughInterval() == null ? Double.NaN : a.watchThroughInterval().lower();
            uppers[i] = a.watchThroughInterval() == null ? Double.NaN : a.watchThroughInterval().upper();
            none[i] = Double.NaN;
            String label = percent(values[i]) + " " + interval(a.watchThroughInterval(), true) + " of "
                    + count(a.watchThroughAnswers()) + " answers";
            labels.add(label);
            summary.append(a.arm()).append(": ").append(label).append("; ");
        }
        ChartView chart = Charts.perArm(armNames(report), values, lowers, uppers, none, false, labels, "watch-through");
        return new ReportView.Figure("watch-through", "Watch-through per arm",
                "Watch-through of each arm over the whole experiment (dot) with its 95 % user-level interval (whisker),"
                        + " answers served before the watch window's cut-off. The effects table has the test.",
                trimmed(summary), chart, List.of(), "No answers yet.");
    }

    static ReportView.Figure pValues(ReportPage page) {
        ExperimentReport report = page.report();
        List<TimeSeries> series = new ArrayList<>();
        List<String> names = armNames(report);
        StringBuilder summary = new StringBuilder();
        for (ArmComparison c : report.comparisons()) {
            int colour = colour(names.indexOf(c.arm()));
            Map<String, List<StoredLook>> byTest = page.looks().getOrDefault(c.arm(), Map.of());
            boolean first = true;
            for (Map.Entry<String, List<StoredLook>> test : byTest.entrySet()) {
                series.add(new TimeSeries(c.arm() + " · " + test.getKey(), colour, !first, looks(test.getValue())));
                List<StoredLook> l = test.getValue();
                summary.append(c.arm()).append(' ').append(test.getKey()).append(": p ")
                        .append(l.isEmpty() ? "–" : pValue(l.get(l.size() - 1).pValue())).append(" after ")
                        .append(l.size()).append(" looks; ");
                first = false;
            }
        }
        double alpha = report.settings().alpha();
        ChartView chart = Charts.overLooks(series, Charts.ValueAxis.P_VALUE, "always-valid p-value", alpha,
                "α = " + decimals(alpha, 2));
        return new ReportView.Figure("p-values", "Always-valid p-value over the looks",
                "The mSPRT's always-valid p-value after each look, oldest first (log scale; solid: the primary metric,"
                        + " dashed: guardrails and the paired comparison). It never rises; once the primary's is below α"
                        + " (the red line) the experiment may stop at that look without inflating false positives"
                        + " (guardrails use their own, smaller α). Looks are taken on the router's schedule and at"
                        + " decisions; viewing this page takes none.",
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
                "Each arm's share of the distinct users seen in the current weight period (since "
                        + when(report.experiment().weightsSince()) + " UTC) as a bar, its weight as a black mark. "
                        + srmLine(report),
                trimmed(summary), chart, List.of(), "No users yet.");
    }

    /** The report's SRM check (current weight period) in words. */
    static String srmLine(ExperimentReport report) {
        return srmWords(report.sampleRatioMismatch());
    }

    /** A sample-ratio check in words. */
    static String srmWords(SampleRatioMismatch srm) {
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
