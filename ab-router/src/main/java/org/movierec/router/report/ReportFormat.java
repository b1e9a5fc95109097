package org.movierec.router.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.movierec.router.experiments.ExperimentDocuments;
import org.movierec.router.stats.ConfidenceInterval;
import org.movierec.router.stats.ProportionTest;
import org.movierec.router.stats.SampleRatioMismatch;
import org.movierec.router.stats.SequentialTest;
import org.movierec.router.stats.WelchTest;

/**
 * The report as JSON (records that Jackson writes through {@code RouterJson}, NaN as null) and as CSV (one row per
 * arm).
 */
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
    public static ReportJson toJson(ExperimentReport report, SequentialTest mseTest, SequentialTest watchThroughTest) {
        List<ArmJson> arms = new ArrayList<>();
        for (ArmReport a : report.arms()) {
            ArmTelemetry t = a.telemetry();
            arms.add(new ArmJson(a.arm(), a.modelVersion(), a.weight(), t.users(), t.answered(), t.attempts(),
                    t.ratings(), t.rmse(), IntervalJson.of(a.rmseInterval()), t.watchThroughRate(), t.watched(),
                    IntervalJson.of(a.watchThroughInterval()), t.latencyP50Ms(), t.latencyP99Ms(), t.errorRate(),
                    t.fallbackRate()));
        }
        List<ComparisonJson> comparisons = new ArrayList<>();
        for (ArmComparison c : report.comparisons()) {
            WelchTest welch = c.squaredErrors();
            ProportionTest proportions = c.watchThrough();
            comparisons.add(new ComparisonJson(c.arm(), c.baseline(), c.rmseDifference(),
                    welch == null ? null : new WelchJson("Welch's t-test on squared errors (difference of MSE)",
                            welch.difference(), welch.t(), welch.degreesOfFreedom(), welch.pValue(),
                            IntervalJson.of(welch.confidenceInterval())),
                    proportions == null ? null : new ProportionsJson("two-proportion z-test", proportions.difference(),
                            proportions.z(), proportions.pValue(), IntervalJson.of(proportions.confidenceInterval())),
                    new SequentialJson("mSPRT (normal mixture), always-valid p-values: Johari et al., KDD 2017",
                            mseTest.alpha(), LookJson.of(c.sequentialMse(), mseTest.tau(), c.rmseDecision()),
                            LookJson.of(c.sequentialWatchThrough(), watchThroughTest.tau(), c.watchThroughDecision()))));
        }
        SampleRatioMismatch srm = report.sampleRatioMismatch();
        List<Long> observed = Arrays.stream(report.srmUsers()).boxed().toList();
        SrmJson srmJson = srm == null
                ? new SrmJson(report.experiment().weightsSince().toString(), observed, null, null, null, null, null, null)
                : new SrmJson(report.experiment().weightsSince().toString(), observed, srm.expected(), srm.statistic(),
                        srm.degreesOfFreedom(), srm.pValue(), srm.threshold(), srm.mismatch());
        return new ReportJson(ExperimentDocuments.toJson(report.experiment()), report.generatedAt().toString(),
                ConfidenceInterval.DEFAULT_CONFIDENCE, arms, comparisons, srmJson);
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

    /**
     * The JSON report, members in this order (Jackson writes a record's components in order). A member that is
     * null is written as {@code null} unless its record says {@code NON_NULL}: there it is left out, as for a test
     * that could not be computed.
     */
    public record ReportJson(Map<String, Object> experiment, String generatedAt, double confidence, List<ArmJson> arms,
            List<ComparisonJson> comparisons, SrmJson sampleRatioMismatch) {
    }

    /** One arm's figures. */
    public record ArmJson(String arm, String modelVersion, int weight, long users, long requests, long attempts,
            long ratings, double rmse, IntervalJson rmseInterval, double watchThroughRate, long watched,
            IntervalJson watchThroughInterval, double latencyP50Ms, double latencyP99Ms, double errorRate,
            double fallbackRate) {
    }

    /** An arm against the baseline; {@code squaredErrors} and {@code watchThrough} are left out when not computed. */
    public record ComparisonJson(String arm, String baseline, double rmseDifference,
            @JsonInclude(JsonInclude.Include.NON_NULL) WelchJson squaredErrors,
            @JsonInclude(JsonInclude.Include.NON_NULL) ProportionsJson watchThrough, SequentialJson sequential) {
    }

    /** Welch's t-test on the squared errors. */
    public record WelchJson(String test, double difference, double t, double degreesOfFreedom, double pValue,
            IntervalJson interval) {
    }

    /** The two-proportion z-test of the watch-through rates. */
    public record ProportionsJson(String test, double difference, double z, double pValue, IntervalJson interval) {
    }

    /** The sequential tests of a comparison. */
    public record SequentialJson(String method, double alpha, LookJson mse, LookJson watchThrough) {
    }

    /** The latest look of one sequential test; without a look only {@code tau} and {@code decision}. */
    public record LookJson(double tau, String decision, @JsonInclude(JsonInclude.Include.NON_NULL) Double difference,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double likelihoodRatio,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double pValue,
            @JsonInclude(JsonInclude.Include.NON_NULL) IntervalJson interval) {

        static LookJson of(SequentialTest.Look look, double tau, String decision) {
            return look == null ? new LookJson(tau, decision, null, null, null, null)
                    : new LookJson(tau, decision, look.difference(), look.likelihoodRatio(), look.pValue(),
                            IntervalJson.of(look.confidenceInterval()));
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
