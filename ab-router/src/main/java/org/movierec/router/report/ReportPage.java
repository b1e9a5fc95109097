package org.movierec.router.report;

import java.util.List;
import java.util.Map;

/**
 * What the HTML report shows: the report (the same value the JSON answer is written from) plus the
 * data of its charts over time.
 *
 * @param report the report
 * @param timeline the telemetry per arm in time buckets since the experiment started
 * @param mseLooks per compared arm, the stored looks of the sequential test on the MSE difference
 * @param watchThroughLooks per compared arm, the stored looks of the sequential test on watch-through
 * @param alpha the level of the sequential tests ({@code router.report.alpha})
 */
public record ReportPage(ExperimentReport report, ReportTimeline timeline,
        Map<String, List<SequentialLooks.StoredLook>> mseLooks,
        Map<String, List<SequentialLooks.StoredLook>> watchThroughLooks, double alpha) {

    public ReportPage {
        mseLooks = Map.copyOf(mseLooks);
        watchThroughLooks = Map.copyOf(watchThroughLooks);
    }
}
