package org.movierec.router.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.router.stats.SequentialTest;
import org.movierec.router.RouterConfig;
import org.movierec.router.experiments.ArmSpec;
import org.movierec.router.experiments.Experiment;

/**
 * Builds the report of an experiment from the telemetry tables (all data since it started; the SRM check
 * since its weights last changed) and records the sequential look, so the next look's always-valid
 * p-values continue from this one.
 */
@ApplicationScoped
public class ReportService {

    @Inject
    TelemetryQueries telemetry;

    @Inject
    SequentialLooks looks;

    @Inject
    RouterConfig config;

    /** The sequential test on the difference of mean squared errors. */
    public SequentialTest mseTest() {
        return new SequentialTest(config.report().tauMse(), config.report().alpha());
    }

    /** The sequential test on the difference of watch-through rates. */
    public SequentialTest watchThroughTest() {
        return new SequentialTest(config.report().tauWatchThrough(), config.report().alpha());
    }

    /** The report of {@code experiment} now. */
    public ExperimentReport report(Experiment experiment) {
        List<String> arms = experiment.arms().stream().map(ArmSpec::name).toList();
        Map<String, ArmTelemetry> all = telemetry.arms(experiment.id(), arms, experiment.createdAt());
        Map<String, Long> srmUsers = new LinkedHashMap<>();
        telemetry.arms(experiment.id(), arms, experiment.weightsSince()).forEach((arm, t) -> srmUsers.put(arm, t.users()));
        ExperimentReport report = new ReportCalculator(mseTest(), watchThroughTest()).compute(experiment, all, srmUsers,
                (arm, metric) -> looks.previous(experiment.id(), arm, metric), Instant.now());
        for (ArmComparison c : report.comparisons()) {
            if (c.sequentialMse() != null) {
                looks.record(experiment.id(), c.arm(), ReportCalculator.MSE, c.sequentialMse().pValue(),
                        report.generatedAt());
            }
            if (c.sequentialWatchThrough() != null) {
                looks.record(experiment.id(), c.arm(), ReportCalculator.WATCH_THROUGH,
                        c.sequentialWatchThrough().pValue(), report.generatedAt());
            }
        }
        return report;
    }

    /**
     * The report of {@code experiment} now with what its charts add: the telemetry in time buckets since it
     * started and the stored looks of each comparison. The report itself is {@link #report} (one
     * computation, one recorded look), exactly what the JSON answer holds.
     */
    public ReportPage page(Experiment experiment) {
        ExperimentReport report = report(experiment);
        Instant to = experiment.endedAt() != null ? experiment.endedAt() : report.generatedAt();
        Duration width = ReportTimeline.bucketWidth(experiment.createdAt(), to);
        List<String> arms = experiment.arms().stream().map(ArmSpec::name).toList();
        ReportTimeline timeline = new ReportTimeline(experiment.createdAt(), to, width,
                telemetry.buckets(experiment.id(), arms, experiment.createdAt(), width));
        Map<String, List<SequentialLooks.StoredLook>> mseLooks = new LinkedHashMap<>();
        Map<String, List<SequentialLooks.StoredLook>> watchThroughLooks = new LinkedHashMap<>();
        for (ArmComparison c : report.comparisons()) {
            mseLooks.put(c.arm(), looks.history(experiment.id(), c.arm(), ReportCalculator.MSE));
            watchThroughLooks.put(c.arm(), looks.history(experiment.id(), c.arm(), ReportCalculator.WATCH_THROUGH));
        }
        return new ReportPage(report, timeline, mseLooks, watchThroughLooks, config.report().alpha());
    }
}
