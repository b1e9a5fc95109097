package org.movierec.router.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.movierec.router.experiments.ExperimentDocuments;
import org.movierec.router.experiments.Metric;
import org.movierec.router.stats.ConfidenceInterval;
import org.movierec.router.stats.PairedComparison;
import org.movierec.router.stats.RelativeEffect;
import org.movierec.router.stats.SampleRatioMismatch;

/**
 * The report as JSON (records that Jackson writes through {@code RouterJson}, NaN as null) and as CSV (one row per
 * arm). ab-router/README.md "The report" says what each member means and which to act on.
 */
public final class ReportFormat {

    /** The CSV columns, in order. */
    public static final List<String> CSV_COLUMNS = List.of("experiment", "arm", "model_version", "weight", "users",
            "requests", "attempts", "errors", "fallbacks", "error_rate", "fallback_rate", "watch_through_answers",
            "watched", "watch_through", "watch_through_ci_lower", "watch_through_ci_upper", "ratings", "rmse",
            "rmse_ci_lower", "rmse_ci_upper", "client_wait_p50_ms", "client_wait_p99_ms", "other_version_answers",
            "other_version_users", "srm_users", "baseline", "decision", "primary_metric", "primary_difference",
            "primary_ci_lower", "primary_ci_upper", "primary_relative", "primary_relative_ci_lower",
            "primary_relative_ci_upper", "primary_always_valid_p", "primary_fixed_horizon_p",
            "primary_more_users_per_arm", "paired_ratings", "paired_mse_difference", "paired_ci_lower",
            "paired_ci_upper", "paired_p", "paired_always_valid_p", "paired_relative_rmse_change");

    private ReportFormat() {
    }

    /** The JSON form. */
    public static ReportJson toJson(ExperimentReport report) {
        ReportSettings s = report.settings();
        var plan = report.experiment().plan();
        AnalysisJson analysis = new AnalysisJson("user", "intention-to-treat (by assigned arm)",
                plan.primary().wireName(), plan.guardrails().stream().map(Metric::wireName).toList(),
                plan.plannedUsersPerArm(), s.alpha(), s.guardrailAlpha(), s.power());
        WindowJson window = new WindowJson(text(report.from()), text(report.to()), text(report.watchCutoff()));
        List<ArmJson> arms = new ArrayList<>();
        int i = 0;
        for (ArmReport a : report.arms()) {
            ArmTelemetry t = a.telemetry();
            arms.add(new ArmJson(a.arm(), a.modelVersion(), a.weight(), t.users(), t.answered(), t.attempts(),
                    t.errors(), t.fallbacks(), t.errorRate(), t.fallbackRate(), a.watchThroughAnswers(), a.watched(),
                    a.watchThrough(), IntervalJson.of(a.watchThroughInterval()), t.ratings(), a.rmse(),
                    IntervalJson.of(a.rmseInterval()), t.latencyP50Ms(), t.latencyP99Ms(),
                    new ExposureJson(a.exposure().otherVersionAnswers(), a.exposure().otherVersionUsers()),
                    report.srmUsers()[i++]));
        }
        List<ComparisonJson> comparisons = new ArrayList<>();
        for (ArmComparison c : report.comparisons()) {
            List<MetricJson> metrics = new ArrayList<>();
            for (MetricComparison m : c.metrics()) {
                metrics.add(MetricJson.of(m, plan.plannedUsersPerArm()));
            }
            comparisons.add(new ComparisonJson(c.arm(), c.baseline(), c.decision(), metrics, PairedJson.of(c.paired())));
        }
        List<PeriodJson> periods = new ArrayList<>();
        for (PeriodReport p : report.periods()) {
            periods.add(new PeriodJson(text(p.since()), text(p.from()), text(p.to()), p.weights(),
                    SrmJson.of(text(p.from()), p.users(), p.sampleRatioMismatch()), effects(p.effects())));
        }
        List<BucketJson> timeline = new ArrayList<>();
        for (BucketReport b : report.timeline()) {
            timeline.add(new BucketJson(text(b.start()), effects(b.effects())));
        }
        String since = report.periods().isEmpty() ? text(report.from())
                : text(report.periods().get(report.periods().size() - 1).from());
        return new ReportJson(ExperimentDocuments.toJson(report.experiment()), report.generatedAt().toString(),
                ConfidenceInterval.DEFAULT_CONFIDENCE, analysis, window, arms, comparisons, report.usersInSeveralArms(),
                SrmJson.of(since, report.srmUsers(), report.sampleRatioMismatch()), periods, timeline, report.notes());
    }

    private static Map<String, List<EffectJson>> effects(Map<String, List<Effect>> effects) {
        Map<String, List<EffectJson>> json = new LinkedHashMap<>();
        effects.forEach((arm, list) -> json.put(arm, list.stream().map(EffectJson::of).toList()));
        return json;
    }

    /** The CSV form: a header, then one row per arm; comparison columns empty on the baseline's row. */
    public static String toCsv(ExperimentReport report) {
        StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
        int i = 0;
        for (ArmReport a : report.arms()) {
            ArmTelemetry t = a.telemetry();
            ArmComparison c = report.comparisons().stream().filter(x -> x.arm().equals(a.arm())).findFirst().orElse(null);
            List<String> row = new ArrayList<>(List.of(csvText(report.experiment().id()), csvText(a.arm()),
                    csvText(a.modelVersion()), Integer.toString(a.weight()), Long.toString(t.users()),
                    Long.toString(t.answered()), Long.toString(t.attempts()), Long.toString(t.errors()),
                    Long.toString(t.fallbacks()), number(t.errorRate()), number(t.fallbackRate()),
                    Long.toString(a.watchThroughAnswers()), Long.toString(a.watched()), number(a.watchThrough()),
                    lower(a.watchThroughInterval()), upper(a.watchThroughInterval()), Long.toString(t.ratings()),
                    number(a.rmse()), lower(a.rmseInterval()), upper(a.rmseInterval()), number(t.latencyP50Ms()),
                    number(t.latencyP99Ms()), Long.toString(a.exposure().otherVersionAnswers()),
                    Long.toString(a.exposure().otherVersionUsers()), Long.toString(report.srmUsers()[i++])));
            if (c == null) {
                while (row.size() < CSV_COLUMNS.size()) {
                    row.add("");
                }
            } else {
                MetricComparison p = c.primary();
                RelativeEffect relative = p.effect().relative();
                PairedComparison paired = c.paired().comparison();
                row.addAll(List.of(csvText(c.baseline()), csvText(c.decision()), p.metric().wireName(),
                        number(p.effect().difference()), lower(p.effect().interval()), upper(p.effect().interval()),
                        relative == null ? "" : number(relative.estimate()), relative == null ? "" : lower(relative.interval()),
                        relative == null ? "" : upper(relative.interval()),
                        p.alwaysValid() == null ? "" : number(p.alwaysValid().pValue()), number(p.effect().pValue()),
                        p.moreUsersPerArm() < 0 ? "" : Long.toString(p.moreUsersPerArm()),
                        Long.toString(c.paired().ratings()),
                        paired == null ? "" : number(paired.meanDifference()), paired == null ? "" : lower(paired.interval()),
                        paired == null ? "" : upper(paired.interval()), paired == null ? "" : number(paired.pValue()),
                        c.paired().alwaysValid() == null ? "" : number(c.paired().alwaysValid().pValue()),
                        paired == null ? "" : number(paired.relativeRmseChange().estimate())));
            }
            csv.append(String.join(",", row)).append('\n');
        }
        return csv.toString();
    }

    /** The JSON report, members in this order (Jackson writes a record's components in order). */
    public record ReportJson(Map<String, Object> experiment, String generatedAt, double confidence,
            AnalysisJson analysis, WindowJson window, List<ArmJson> arms, List<ComparisonJson> comparisons,
            long usersInSeveralArms, SrmJson sampleRatioMismatch, List<PeriodJson> periods, List<BucketJson> timeline,
            List<String> notes) {
    }

    /** How the report analyses: the unit, the population, the plan and the levels. */
    public record AnalysisJson(String unit, String population, String primaryMetric, List<String> guardrails,
            Long plannedUsersPerArm, double alpha, double guardrailAlpha, double power) {
    }

    /** The analysis window: from going live to now (or the end); watch-through counts answers before the cut-off. */
    public record WindowJson(String from, String to, String watchThroughCutoff) {
    }

    /** One arm's figures, by assignment; {@code clientWait*} is what the client waited (the router's time). */
    public record ArmJson(String arm, String modelVersion, int weight, long users, long requests, long attempts,
            long errors, long fallbacks, double errorRate, double fallbackRate, long watchThroughAnswers, long watched,
            double watchThrough, IntervalJson watchThroughInterval, long ratings, double rmse, IntervalJson rmseInterval,
            double clientWaitP50Ms, double clientWaitP99Ms, ExposureJson exposure, long usersThisWeightPeriod) {
    }

    /** Answers by another version than the arm's (exposure problem), kept in the arm (intention-to-treat). */
    public record ExposureJson(long otherVersionAnswers, long otherVersionUsers) {
    }

    /** An arm against the baseline. */
    public record ComparisonJson(String arm, String baseline, String decision, List<MetricJson> metrics,
            PairedJson paired) {
    }

    /** One metric of a comparison. */
    public record MetricJson(String metric, String role, String verdict, double control, double treatment,
            double difference, IntervalJson interval, RelativeJson relative, double designEffect,
            double cupedVarianceReduction, AlwaysValidJson alwaysValid, FixedHorizonJson fixedHorizon,
            PowerJson power, boolean breached) {

        static MetricJson of(MetricComparison m, Long planned) {
            Effect e = m.effect();
            String when = planned == null ? "no sample planned: descriptive only, act on the always-valid p-value"
                    : m.fixedHorizonValid() ? "the planned " + planned + " users per arm are reached: valid now"
                    : "valid once every arm has " + planned + " users (planned)";
            return new MetricJson(m.metric().wireName(), m.role(), m.verdict(), e.control(), e.treatment(),
                    e.difference(), IntervalJson.of(e.interval()), RelativeJson.of(e.relative()), m.designEffect(),
                    m.cupedVarianceReduction(),
                    m.metric() == Metric.LATENCY_P99 ? null : AlwaysValidJson.of(m.alwaysValid(), m.alpha()),
                    m.metric() == Metric.LATENCY_P99 ? null : new FixedHorizonJson(e.pValue(), m.fixedHorizonValid(), when),
                    m.metric() == Metric.LATENCY_P99 ? null : new PowerJson(m.minimumDetectableEffect(),
                            m.effectOfInterest(), m.requiredUsersPerArm(), m.moreUsersPerArm()),
                    m.breached());
        }
    }

    /** A relative effect (treatment / control − 1) with its delta-method interval. */
    public record RelativeJson(double estimate, double standardError, IntervalJson interval) {

        static RelativeJson of(RelativeEffect r) {
            return r == null ? null : new RelativeJson(r.estimate(), r.standardError(), IntervalJson.of(r.interval()));
        }
    }

    /** The stored sequential test: valid to act on at any time. */
    public record AlwaysValidJson(Double pValue, double alpha, long looks, String lastLookAt, boolean validNow) {

        static AlwaysValidJson of(SequentialLooks.Summary s, double alpha) {
            return s == null ? new AlwaysValidJson(null, alpha, 0, null, true)
                    : new AlwaysValidJson(s.pValue(), alpha, s.looks(), text(s.lastLookAt()), true);
        }
    }

    /** The fixed-horizon p-value and when it may be acted on. */
    public record FixedHorizonJson(double pValue, boolean validNow, String when) {
    }

    /** What the sample can tell. */
    public record PowerJson(double minimumDetectableEffect, double effectOfInterest, long requiredUsersPerArm,
            long moreUsersPerArm) {
    }

    /** The paired comparison: both versions on the same ratings. */
    public record PairedJson(String method, long ratings, String verdict,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long users,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double rmseArm,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double rmseControl,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double mseDifference,
            @JsonInclude(JsonInclude.Include.NON_NULL) IntervalJson interval,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double pValue,
            @JsonInclude(JsonInclude.Include.NON_NULL) RelativeJson relativeRmseChange,
            AlwaysValidJson alwaysValid) {

        static PairedJson of(PairedResult r) {
            String method = "both versions predict every rating of the experiment's users; user-clustered variance";
            PairedComparison c = r.comparison();
            AlwaysValidJson valid = AlwaysValidJson.of(r.alwaysValid(), r.alpha());
            return c == null ? new PairedJson(method, r.ratings(), r.verdict(), null, null, null, null, null, null, null,
                    valid)
                    : new PairedJson(method, r.ratings(), r.verdict(), c.users(), c.rmseT(), c.rmseC(),
                            c.meanDifference(), IntervalJson.of(c.interval()), c.pValue(),
                            RelativeJson.of(c.relativeRmseChange()), valid);
        }
    }

    /** One weight period's comparison. */
    public record PeriodJson(String since, String from, String to, Map<String, Integer> weights, SrmJson sampleRatioMismatch,
            Map<String, List<EffectJson>> effects) {
    }

    /** The effects of one time bucket. */
    public record BucketJson(String start, Map<String, List<EffectJson>> effects) {
    }

    /** An effect with user-level intervals (fixed-horizon). */
    public record EffectJson(String metric, double control, double treatment, double difference, IntervalJson interval,
            RelativeJson relative, double pValue) {

        static EffectJson of(Effect e) {
            return new EffectJson(e.metric().wireName(), e.control(), e.treatment(), e.difference(),
                    IntervalJson.of(e.interval()), RelativeJson.of(e.relative()), e.pValue());
        }
    }

    /** A confidence interval; null when there is none. */
    public record IntervalJson(double lower, double upper, double confidence) {

        static IntervalJson of(ConfidenceInterval ci) {
            return ci == null ? null : new IntervalJson(ci.lower(), ci.upper(), ci.confidence());
        }
    }

    /** The sample-ratio-mismatch check; only {@code since} and {@code observedUsers} when it was not run. */
    public record SrmJson(String since, List<Long> observedUsers,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> expectedUsers,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double chiSquare,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer degreesOfFreedom,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double pValue,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double threshold,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean mismatch) {

        static SrmJson of(String since, long[] users, SampleRatioMismatch srm) {
            List<Long> observed = Arrays.stream(users).boxed().toList();
            return srm == null ? new SrmJson(since, observed, null, null, null, null, null, null)
                    : new SrmJson(since, observed, srm.expected(), srm.statistic(), srm.degreesOfFreedom(),
                            srm.pValue(), srm.threshold(), srm.mismatch());
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String lower(ConfidenceInterval ci) {
        return ci == null ? "" : number(ci.lower());
    }

    private static String upper(ConfidenceInterval ci) {
        return ci == null ? "" : number(ci.upper());
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "";
    }

    /** A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break. */
    private static String csvText(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
