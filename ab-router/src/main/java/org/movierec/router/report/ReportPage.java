package org.movierec.router.report;

import java.util.List;
import java.util.Map;

/**
 * What the HTML report shows: the report (the same value the JSON answer is written from) plus the data of its
 * charts over time.
 *
 * @param report the report
 * @param timeline the request-level telemetry per arm in time buckets since the experiment went live
 * @param looks per compared arm, per test key (a metric's wire name, or {@link ReportSettings#PAIRED_RMSE}), the
 *     stored looks of its sequential test, oldest first
 */
public record ReportPage(ExperimentReport report, ReportTimeline timeline,
        Map<String, Map<String, List<SequentialLooks.StoredLook>>> looks) {

    public ReportPage {
        looks = Map.copyOf(looks);
    }
}
