package org.movierec.router.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.movierec.router.experiments.AnalysisPlan;
import org.movierec.router.experiments.ArmSpec;
import org.movierec.router.experiments.Experiment;
import org.movierec.router.experiments.Metric;
import org.movierec.router.stats.ConfidenceInterval;
import org.movierec.router.stats.PairedComparison;
import org.movierec.router.stats.PairedTotals;
import org.movierec.router.stats.PowerAnalysis;
import org.movierec.router.stats.SampleRatioMismatch;
import org.movierec.router.stats.UserTotals;

/**
 * Computes an {@link ExperimentReport} from one {@link ReportSnapshot}; pure, no I/O, and reading it records
 * nothing (the sequential tests' looks are recorded on a schedule by {@link LookRecorder}).
 *
 * <ul>
 *   <li>By assignment (intention-to-treat): every figure counts a user in the arm they were randomised to.</li>
 *   <li>User-level variances (delta method on per-user sums) for every request- and rating-level metric, with the
 *       design effect that says how much treating rows as independent would understate the uncertainty;
 *       watch-through CUPED-adjusted with the users' pre-period watch-through.</li>
 *   <li>Per comparison: the primary metric and each guardrail with its difference and relative effect (intervals),
 *       its fixed-horizon p-value (valid to act on only at the planned sample), the stored always-valid p-value of
 *       its sequential test (valid now), the minimum detectable effect now and the users still needed.</li>
 *   <li>The paired comparison: both arms' models scored on the same ratings, unbiased by what each arm's users
 *       chose to rate.</li>
 *   <li>Each weight period as its own comparison with its own sample-ratio check; the effects per time bucket.</li>
 * </ul>
 */
public final class ReportCalculator {

    /** What the stored looks say of one test of one arm, null before the first look. */
    @FunctionalInterface
    public interface StoredLooks {
        SequentialLooks.Summary of(String arm, String key);
    }

    private static final double CONFIDENCE = ConfidenceInterval.DEFAULT_CONFIDENCE;

    private final ReportSettings settings;

    public ReportCalculator(ReportSettings settings) {
        this.settings = settings;
    }

    /** The report of {@code e} from {@code data}, with the stored looks of its sequential tests. */
    public ExperimentReport compute(Experiment e, ReportSnapshot data, StoredLooks looks, Instant now) {
        String control = e.controlArm().name();
        List<ArmReport> arms = new ArrayList<>();
        for (ArmSpec spec : e.arms()) {
            arms.add(arm(spec, data));
        }
        List<ArmComparison> comparisons = new ArrayList<>();
        for (ArmSpec spec : e.arms()) {
            if (!spec.name().equals(control)) {
                comparisons.add(compare(e, spec.name(), control, data, looks));
            }
        }
        List<PeriodReport> periods = new ArrayList<>();
        for (PeriodSnapshot p : data.periods()) {
            periods.add(period(e, p, control));
        }
        List<BucketReport> timeline = new ArrayList<>();
        for (BucketSnapshot b : data.buckets()) {
            Map<String, List<Effect>> effects = new LinkedHashMap<>();
            for (ArmSpec spec : e.arms()) {
                if (!spec.name().equals(control)) {
                    effects.put(spec.name(), List.of(
                            effect(Metric.WATCH_THROUGH, b.watchThrough(), spec.name(), control),
                            effect(Metric.RMSE, b.squaredErrors(), spec.name(), control)));
                }
            }
            timeline.add(new BucketReport(b.start(), effects));
        }
        PeriodReport current = periods.isEmpty() ? null : periods.get(periods.size() - 1);
        return new ExperimentReport(e, now, data.from(), data.to(), data.watchCutoff(), arms, comparisons,
                data.usersInSeveralArms(), current == null ? new long[e.arms().size()] : current.users(),
                current == null ? null : current.sampleRatioMismatch(), periods, timeline, data.timeline(),
                settings, notes(data));
    }

    private static ArmReport arm(ArmSpec spec, ReportSnapshot data) {
        ArmTelemetry t = data.arms().getOrDefault(spec.name(), ArmTelemetry.empty(spec.name()));
        UserTotals watch = data.watchThrough().get(spec.name());
        UserTotals squared = data.squaredErrors().get(spec.name());
        return new ArmReport(spec.name(), spec.modelVersion(), spec.weight(), t,
                data.exposure().getOrDefault(spec.name(), new ArmExposure(0, 0)),
                watch == null ? 0 : (long) watch.sumN(), watch == null ? 0 : (long) watch.sumY(),
                rate(watch, Metric.WATCH_THROUGH), interval(watch, Metric.WATCH_THROUGH),
                rate(squared, Metric.RMSE), interval(squared, Metric.RMSE));
    }

    private static double rate(UserTotals totals, Metric metric) {
        return totals == null || totals.sumN() == 0 ? Double.NaN : EffectEstimator.value(metric, totals.ratio());
    }

    /** The user-level interval of an arm's value (normal, clipped to the metric's range); RMSE through the root of the MSE's bounds. */
    private static ConfidenceInterval interval(UserTotals totals, Metric metric) {
        if (totals == null || totals.users() < 2 || totals.sumN() == 0 || !Double.isFinite(totals.ratioVariance())) {
            return null;
        }
        ConfidenceInterval ratio = ConfidenceInterval.ofNormal(totals.ratio(), Math.sqrt(totals.ratioVariance()),
                CONFIDENCE);
        double lower = Math.max(0, ratio.lower());
        if (metric == Metric.RMSE) {
            return new ConfidenceInterval(Math.sqrt(lower), Math.sqrt(ratio.upper()), CONFIDENCE);
        }
        return new ConfidenceInterval(lower, Math.min(1, ratio.upper()), CONFIDENCE);
    }

    private ArmComparison compare(Experiment e, String arm, String control, ReportSnapshot data, StoredLooks looks) {
        AnalysisPlan plan = e.plan();
        List<MetricComparison> metrics = new ArrayList<>();
        metrics.add(metric(e, plan.primary(), MetricComparison.PRIMARY, arm, control, data, looks));
        for (Metric g : plan.guardrails()) {
            metrics.add(metric(e, g, MetricComparison.GUARDRAIL, arm, control, data, looks));
        }
        PairedResult paired = paired(data.paired().get(arm), looks.of(arm, ReportSettings.PAIRED_RMSE));
        return new ArmComparison(arm, control, metrics, paired, decision(e, arm, control, metrics, paired));
    }

    private MetricComparison metric(Experiment e, Metric metric, String role, String arm, String control,
            ReportSnapshot data, StoredLooks looks) {
        double alpha = role.equals(MetricComparison.PRIMARY) ? settings.alpha() : settings.guardrailAlpha();
        if (metric == Metric.LATENCY_P99) {
            return latency(arm, control, data, alpha);
        }
        Map<String, UserTotals> totals = totals(metric, data);
        EffectEstimator.Estimate estimate = EffectEstimator.estimate(metric, totals.get(arm), totals.get(control),
                CONFIDENCE);
        SequentialLooks.Summary stored = looks.of(arm, metric.wireName());
        double effectOfInterest = settings.effectOfInterest(metric);
        Long planned = e.plan().plannedUsersPerArm();
        boolean horizonReached = planned != null && Math.min(estimate.usersT(), estimate.usersC()) >= planned;
        if (!estimate.effect().known()) {
            return new MetricComparison(metric, role, estimate.effect(), Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, alpha, stored, horizonReached, Double.NaN, effectOfInterest, -1, -1,
                    "not enough data: needs two users with data in each arm", false);
        }
        double mde = PowerAnalysis.minimumDetectableEffect(estimate.unitVarianceT(), estimate.usersT(),
                estimate.unitVarianceC(), estimate.usersC(), settings.alpha(), settings.power());
        long required = PowerAnalysis.sampleSizePerArm(estimate.unitVarianceT(), estimate.unitVarianceC(),
                effectOfInterest, settings.alpha(), settings.power());
        long more = Math.max(0, required - Math.min(estimate.usersT(), estimate.usersC()));
        double design = designEffect(metric, arm, control, data, estimate);
        boolean significant = stored != null && stored.pValue() < alpha;
        boolean better = metric.higherIsBetter() ? estimate.effect().difference() > 0
                : estimate.effect().difference() < 0;
        boolean breached = role.equals(MetricComparison.GUARDRAIL) && significant && !better;
        String verdict = verdict(metric, stored, alpha, better, mde, effectOfInterest, required, more);
        return new MetricComparison(metric, role, estimate.effect(), design, estimate.cupedVarianceReduction(),
                estimate.testDifference(), estimate.testVariance(), alpha, stored, horizonReached, mde,
                effectOfInterest, required, more, verdict, breached);
    }

    private MetricComparison latency(String arm, String control, ReportSnapshot data, double alpha) {
        ArmTelemetry t = data.arms().getOrDefault(arm, ArmTelemetry.empty(arm));
        ArmTelemetry c = data.arms().getOrDefault(control, ArmTelemetry.empty(control));
        Effect effect = Effect.unknown(Metric.LATENCY_P99, c.latencyP99Ms(), t.latencyP99Ms());
        double limit = settings.maxP99IncreaseMs();
        boolean known = Double.isFinite(effect.difference());
        boolean breached = known && effect.difference() > limit;
        String verdict = !known ? "not enough data"
                : breached ? String.format(Locale.ROOT, "worse: p99 %.1f ms above control's, more than the %.0f ms allowed",
                        effect.difference(), limit)
                : String.format(Locale.ROOT, "within the limit: p99 %+.1f ms against control (at most +%.0f ms)",
                        effect.difference(), limit);
        return new MetricComparison(Metric.LATENCY_P99, MetricComparison.GUARDRAIL, effect, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, alpha, null, false, Double.NaN, limit, -1, -1, verdict, breached);
    }

    private static Map<String, UserTotals> totals(Metric metric, ReportSnapshot data) {
        return switch (metric) {
            case WATCH_THROUGH -> data.watchThrough();
            case RMSE -> data.squaredErrors();
            case ERROR_RATE -> data.errorRate();
            case LATENCY_P99 -> Map.of();
        };
    }

    /**
     * The user-level variance of the test's difference over the variance it would have with independent rows:
     * p(1 − p)/n per arm for the rates, s²/n of the squared errors for the MSE (before any CUPED adjustment).
     */
    private static double designEffect(Metric metric, String arm, String control, ReportSnapshot data,
            EffectEstimator.Estimate estimate) {
        Map<String, UserTotals> totals = totals(metric, data);
        UserTotals t = totals.get(arm);
        UserTotals c = totals.get(control);
        double clustered = t.ratioVariance() + c.ratioVariance();
        double naive;
        if (metric == Metric.RMSE) {
            ArmTelemetry at = data.arms().get(arm);
            ArmTelemetry ac = data.arms().get(control);
            if (at == null || ac == null || at.ratings() < 2 || ac.ratings() < 2) {
                return Double.NaN;
            }
            naive = at.squaredErrors().variance() / at.ratings() + ac.squaredErrors().variance() / ac.ratings();
        } else {
            naive = t.ratio() * (1 - t.ratio()) / t.sumN() + c.ratio() * (1 - c.ratio()) / c.sumN();
        }
        return naive > 0 ? UserTotals.designEffect(clustered, naive) : Double.NaN;
    }

    private static String verdict(Metric metric, SequentialLooks.Summary stored, double alpha, boolean better,
            double mde, double effectOfInterest, long required, long more) {
        if (stored != null && stored.pValue() < alpha) {
            return "significant: " + (better ? "better" : "worse") + " than control (always-valid p "
                    + number(stored.pValue()) + " < " + number(alpha) + ")";
        }
        String look = stored == null ? "no look recorded yet" : "always-valid p " + number(stored.pValue());
        if (more > 0) {
            return String.format(Locale.ROOT, "cannot conclude yet (%s); needs about %,d more users per arm to"
                    + " detect a difference of %s (%,d per arm in all); detectable now: %s", look, more,
                    number(effectOfInterest), required, number(mde));
        }
        return String.format(Locale.ROOT, "no significant difference (%s); the sample is large enough to detect %s,"
                + " so a difference of that size is unlikely", look, number(effectOfInterest));
    }

    private PairedResult paired(PairedTotals totals, SequentialLooks.Summary stored) {
        if (totals == null || totals.users() < 2 || totals.sumA() == 0 || totals.sumB() == 0) {
            return new PairedResult(null, stored, settings.alpha(), totals == null ? 0 : (long) totals.sumM(),
                    "not enough data: needs ratings of two users predicted by both versions");
        }
        PairedComparison c = PairedComparison.compare(totals, CONFIDENCE);
        boolean significant = stored != null && stored.pValue() < settings.alpha();
        String direction = c.meanDifference() < 0 ? "predicts better than control" : "predicts worse than control";
        String verdict = significant
                ? "significant: the arm's model " + direction + " on the same " + c.ratings() + " ratings (always-valid p "
                        + number(stored.pValue()) + ")"
                : "no significant difference yet on the same " + c.ratings() + " ratings ("
                        + (stored == null ? "no look recorded yet" : "always-valid p " + number(stored.pValue())) + ")";
        return new PairedResult(c, stored, settings.alpha(), c.ratings(), verdict);
    }

    /**
     * The decision on a comparison: stop when a guardrail is worse beyond its limit, or when the primary metric's
     * sequential test (for RMSE the paired one when it has data: same ratings, unbiased and more powerful) is
     * significant; otherwise the primary metric's verdict (continue, with what the sample can tell).
     */
    private String decision(Experiment e, String arm, String control, List<MetricComparison> metrics,
            PairedResult paired) {
        for (MetricComparison m : metrics) {
            if (m.role().equals(MetricComparison.GUARDRAIL) && m.breached()) {
                return "stop: guardrail " + m.metric().wireName() + " is worse for " + arm + " than " + control;
            }
        }
        MetricComparison primary = metrics.get(0);
        if (primary.metric() == Metric.RMSE && paired.comparison() != null) {
            if (paired.significant()) {
                return "stop: " + arm + (paired.comparison().meanDifference() < 0 ? " is better" : " is worse")
                        + " than " + control + " on rmse (paired: both models on the same ratings)";
            }
        } else if (primary.significant()) {
            return "stop: " + arm + (primary.better() ? " is better" : " is worse") + " than " + control + " on "
                    + primary.metric().wireName();
        }
        if (!primary.effect().known()) {
            return "continue: not enough data yet";
        }
        return "continue: " + primary.verdict();
    }

    private PeriodReport period(Experiment e, PeriodSnapshot p, String control) {
        long[] users = new long[e.arms().size()];
        double[] weights = new double[users.length];
        long total = 0;
        for (int i = 0; i < users.length; i++) {
            String name = e.arms().get(i).name();
            users[i] = p.users().getOrDefault(name, 0L);
            weights[i] = p.period().weights().getOrDefault(name, 0);
            total += users[i];
        }
        boolean checkable = total > 0 && Arrays.stream(weights).sum() > 0;
        SampleRatioMismatch srm = checkable ? SampleRatioMismatch.check(users, weights) : null;
        Map<String, List<Effect>> effects = new LinkedHashMap<>();
        for (ArmSpec spec : e.arms()) {
            if (!spec.name().equals(control)) {
                effects.put(spec.name(), List.of(effect(Metric.WATCH_THROUGH, p.watchThrough(), spec.name(), control),
                        effect(Metric.RMSE, p.squaredErrors(), spec.name(), control)));
            }
        }
        return new PeriodReport(p.period().since(), p.from(), p.to(), p.period().weights(), users, srm, effects);
    }

    private static Effect effect(Metric metric, Map<String, UserTotals> totals, String arm, String control) {
        return EffectEstimator.estimate(metric, totals.get(arm), totals.get(control), CONFIDENCE).effect();
    }

    private static List<String> notes(ReportSnapshot data) {
        List<String> notes = new ArrayList<>();
        notes.add("Online RMSE per arm scores each arm on the movies its own users chose from its own lists (plus"
                + " browsing), so arms are scored on different, self-selected ratings and online RMSE runs lower than"
                + " offline. Compare models with the paired comparison: both versions predict the same ratings.");
        notes.add("Watch-through counts answers served before " + data.watchCutoff() + ": a later answer's watch may"
                + " still come within the watch window.");
        if (data.usersInSeveralArms() > 0) {
            notes.add(data.usersInSeveralArms() + " users have rows in more than one arm: events that do not carry"
                    + " the assigned arm (an older router?) make the arms overlap.");
        }
        return notes;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
