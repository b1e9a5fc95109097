package org.movierec.router.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.movierec.router.stats.ConfidenceInterval;
import org.movierec.router.stats.SequentialTest;
import org.movierec.router.experiments.ExperimentDocuments;

/** The report as JSON (maps and lists for {@code RouterJson.write}) and as CSV (one row per arm). */
public final class ReportFormat {

    /** The CSV columns, in order. */
    public static final List<String> CSV_COLUMNS = List.of("experiment", "arm", "model_version", "weight", "users",
            "requests", "ratings", "rmse", "rmse_ci_lower", "rmse_ci_upper", "watch_through", "watch_through_ci_lower",
            "watch_through_ci_upper", "latency_p50_ms", "latency_p99_ms", "error_rate", "fallback_rate",
            "baseline", "rmse_difference", "mse_difference", "mse_welch_t", "mse_welch_df", "mse_welch_p",
            "watch_through_difference", "watch_through_z", "watch_through_p", "msprt_mse_p", "msprt_watch_through_p",
            "rmse_decision", "watch_through_decision");

    private ReportFormat() {
    }

    /** The JSON form. */
    public static Map<String, Object> toJson(ExperimentReport report, SequentialTest mseTest,
            SequentialTest watchThroughTest) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("experiment", ExperimentDocuments.toJson(report.experiment()));
        json.put("generatedAt", report.generatedAt().toString());
        json.put("confidence", ConfidenceInterval.DEFAULT_CONFIDENCE);
        List<Map<String, Object>> arms = new ArrayList<>();
        for (ArmReport a : report.arms()) {
            ArmTelemetry t = a.telemetry();
            Map<String, Object> arm = new LinkedHashMap<>();
            arm.put("arm", a.arm());
            arm.put("modelVersion", a.modelVersion());
            arm.put("weight", a.weight());
            arm.put("users", t.users());
            arm.put("requests", t.answered());
            arm.put("attempts", t.attempts());
            arm.put("ratings", t.ratings());
            arm.put("rmse", t.rmse());
            arm.put("rmseInterval", interval(a.rmseInterval()));
            arm.put("watchThroughRate", t.watchThroughRate());
            arm.put("watched", t.watched());
            arm.put("watchThroughInterval", interval(a.watchThroughInterval()));
            arm.put("latencyP50Ms", t.latencyP50Ms());
            arm.put("latencyP99Ms", t.latencyP99Ms());
            arm.put("errorRate", t.errorRate());
            arm.put("fallbackRate", t.fallbackRate());
            arms.add(arm);
        }
        json.put("arms", arms);
        List<Map<String, Object>> comparisons = new ArrayList<>();
        for (ArmComparison c : report.comparisons()) {
            Map<String, Object> comparison = new LinkedHashMap<>();
            comparison.put("arm", c.arm());
            comparison.put("baseline", c.baseline());
            comparison.put("rmseDifference", c.rmseDifference());
            if (c.squaredErrors() != null) {
                comparison.put("squaredErrors", Map.of("test", "Welch's t-test on squared errors (difference of MSE)",
                        "difference", c.squaredErrors().difference(), "t", c.squaredErrors().t(),
                        "degreesOfFreedom", c.squaredErrors().degreesOfFreedom(), "pValue", c.squaredErrors().pValue(),
                        "interval", interval(c.squaredErrors().confidenceInterval())));
            }
            if (c.watchThrough() != null) {
                comparison.put("watchThrough", Map.of("test", "two-proportion z-test",
                        "difference", c.watchThrough().difference(), "z", c.watchThrough().z(),
                        "pValue", c.watchThrough().pValue(), "interval", interval(c.watchThrough().confidenceInterval())));
            }
            Map<String, Object> sequential = new LinkedHashMap<>();
            sequential.put("method", "mSPRT (normal mixture), always-valid p-values: Johari et al., KDD 2017");
            sequential.put("alpha", mseTest.alpha());
            sequential.put("mse", look(c.sequentialMse(), mseTest.tau(), c.rmseDecision()));
            sequential.put("watchThrough", look(c.sequentialWatchThrough(), watchThroughTest.tau(),
                    c.watchThroughDecision()));
            comparison.put("sequential", sequential);
            comparisons.add(comparison);
        }
        json.put("comparisons", comparisons);
        Map<String, Object> srm = new LinkedHashMap<>();
        srm.put("since", report.experiment().weightsSince().toString());
        srm.put("observedUsers", java.util.Arrays.stream(report.srmUsers()).boxed().toList());
        if (report.sampleRatioMismatch() != null) {
            srm.put("expectedUsers", report.sampleRatioMismatch().expected());
            srm.put("chiSquare", report.sampleRatioMismatch().statistic());
            srm.put("degreesOfFreedom", report.sampleRatioMismatch().degreesOfFreedom());
            srm.put("pValue", report.sampleRatioMismatch().pValue());
            srm.put("threshold", report.sampleRatioMismatch().threshold());
            srm.put("mismatch", report.sampleRatioMismatch().mismatch());
        }
        json.put("sampleRatioMismatch", srm);
        return json;
    }

    /** The CSV form: a header, then one row per arm; comparison columns empty on the baseline's row. */
    public static String toCsv(ExperimentReport report) {
        StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
        for (ArmReport a : report.arms()) {
            ArmTelemetry t = a.telemetry();
            ArmComparison c = report.comparisons().stream().filter(x -> x.arm().equals(a.arm())).findFirst().orElse(null);
            List<String> row = new ArrayList<>(List.of(text(report.experiment().id()), text(a.arm()),
                    text(a.modelVersion()), Integer.toString(a.weight()), Long.toString(t.users()),
                    Long.toString(t.answered()), Long.toString(t.ratings()), number(t.rmse()),
                    number(a.rmseInterval() == null ? Double.NaN : a.rmseInterval().lower()),
                    number(a.rmseInterval() == null ? Double.NaN : a.rmseInterval().upper()),
                    number(t.watchThroughRate()),
                    number(a.watchThroughInterval() == null ? Double.NaN : a.watchThroughInterval().lower()),
                    number(a.watchThroughInterval() == null ? Double.NaN : a.watchThroughInterval().upper()),
                    number(t.latencyP50Ms()), number(t.latencyP99Ms()), number(t.errorRate()), number(t.fallbackRate())));
            if (c == null) {
                for (int i = row.size(); i < CSV_COLUMNS.size(); i++) {
                    row.add("");
                }
            } else {
                row.add(text(c.baseline()));
                row.add(number(c.rmseDifference()));
                row.add(c.squaredErrors() == null ? "" : number(c.squaredErrors().difference()));
                row.add(c.squaredErrors() == null ? "" : number(c.squaredErrors().t()));
                row.add(c.squaredErrors() == null ? "" : number(c.squaredErrors().degreesOfFreedom()));
                row.add(c.squaredErrors() == null ? "" : number(c.squaredErrors().pValue()));
                row.add(c.watchThrough() == null ? "" : number(c.watchThrough().difference()));
                row.add(c.watchThrough() == null ? "" : number(c.watchThrough().z()));
                row.add(c.watchThrough() == null ? "" : number(c.watchThrough().pValue()));
                row.add(c.sequentialMse() == null ? "" : number(c.sequentialMse().pValue()));
                row.add(c.sequentialWatchThrough() == null ? "" : number(c.sequentialWatchThrough().pValue()));
                row.add(text(c.rmseDecision()));
                row.add(text(c.watchThroughDecision()));
            }
            csv.append(String.join(",", row)).append('\n');
        }
        return csv.toString();
    }

    private static Map<String, Object> look(SequentialTest.Look look, double tau, String decision) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tau", tau);
        json.put("decision", decision);
        if (look != null) {
            json.put("difference", look.difference());
            json.put("likelihoodRatio", look.likelihoodRatio());
            json.put("pValue", look.pValue());
            json.put("interval", interval(look.confidenceInterval()));
        }
        return json;
    }

    private static Map<String, Object> interval(ConfidenceInterval ci) {
        if (ci == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("lower", ci.lower());
        json.put("upper", ci.upper());
        json.put("confidence", ci.confidence());
        return json;
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "";
    }

    /** A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break. */
    private static String text(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
