package org.movierec.router.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.router.RouterConfig;
import org.movierec.router.experiments.Experiment;
import org.movierec.router.experiments.Metric;

/**
 * Builds the report of an experiment: one snapshot of the telemetry ({@link ReportQueries}), the stored looks of its
 * sequential tests, and the arithmetic ({@link ReportCalculator}). Reading a report changes nothing: looks are
 * recorded by {@link LookRecorder} on the router's schedule and at decisions.
 */
@ApplicationScoped
public class ReportService {

    @Inject
    ReportQueries queries;

    @Inject
    SequentialLooks looks;

    @Inject
    RouterConfig config;

    /** The analysis settings of this router. */
    public ReportSettings settings() {
        return ReportSettings.of(config);
    }

    /** The report of {@code experiment} now. */
    public ExperimentReport report(Experiment experiment) {
        Instant now = Instant.now();
        Instant to = experiment.endedAt() != null ? experiment.endedAt() : now;
        Duration width = ReportTimeline.bucketWidth(experiment.countedFrom(), to);
        ReportSnapshot data = queries.read(experiment, now, config.report().watchThroughWindow(),
                config.report().prePeriod(), width);
        return new ReportCalculator(settings()).compute(experiment, data,
                (arm, key) -> looks.summary(experiment.id(), arm, key), now);
    }

    /**
     * The report of {@code experiment} with what its charts add: the request-level telemetry in time buckets and
     * the stored looks of each comparison's sequential tests.
     */
    public ReportPage page(Experiment experiment) {
        ExperimentReport report = report(experiment);
        Duration width = ReportTimeline.bucketWidth(report.from(), report.to());
        ReportTimeline timeline = new ReportTimeline(report.from(), report.to(), width, report.buckets());
        Map<String, Map<String, List<SequentialLooks.StoredLook>>> history = new LinkedHashMap<>();
        for (ArmComparison c : report.comparisons()) {
            Map<String, List<SequentialLooks.StoredLook>> byTest = new LinkedHashMap<>();
            for (MetricComparison m : c.metrics()) {
                if (m.metric() != Metric.LATENCY_P99) {
                    byTest.put(m.metric().wireName(), looks.history(experiment.id(), c.arm(), m.metric().wireName()));
                }
            }
            byTest.put(ReportSettings.PAIRED_RMSE, looks.history(experiment.id(), c.arm(), ReportSettings.PAIRED_RMSE));
            history.put(c.arm(), byTest);
        }
        return new ReportPage(report, timeline, history);
    }
}
