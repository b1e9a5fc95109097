package org.movierec.router.report.html;

import java.util.List;
import org.movierec.router.report.chart.ChartView;

/**
 * The HTML report as the page template reads it: every number already formatted (the page shows the
 * figures of the JSON report, rounded for reading), every chart laid out. Strings from data (experiment
 * and arm names, model versions) are raw here; the template escapes them.
 *
 * @param experimentId the experiment's id
 * @param name its name
 * @param type "ab" or "canary"
 * @param status its status
 * @param started when it started (UTC)
 * @param ended when it ended (UTC), or null while it runs
 * @param endReason why it ended, or null
 * @param generatedAt when this report was computed (UTC)
 * @param arms the per-arm table
 * @param comparisons the arm-against-control table
 * @param srm the sample-ratio-mismatch line
 * @param figures the charts, in page order
 */
public record ReportView(String experimentId, String name, String type, String status, String started, String ended,
        String endReason, String generatedAt, List<ArmLine> arms, List<ComparisonLine> comparisons, String srm,
        boolean srmMismatch, List<Figure> figures) {

    public ReportView {
        arms = List.copyOf(arms);
        comparisons = List.copyOf(comparisons);
        figures = List.copyOf(figures);
    }

    /**
     * One arm's row of the report table.
     *
     * @param arm the arm
     * @param colour its colour index in the charts
     * @param modelVersion its model version
     * @param weight its target share
     * @param users distinct users
     * @param requests answered requests
     * @param ratings rated predictions
     * @param rmse online RMSE
     * @param rmseInterval its 95 % interval
     * @param watchThrough watch-through rate
     * @param watchThroughInterval its 95 % Wilson interval
     * @param p50 latency p50
     * @param p99 latency p99
     * @param errorRate failed attempts over attempts
     * @param fallbackRate fallbacks over answers
     * @param split the actual share of users since the weights changed
     * @param decision the sequential decisions against control, or "baseline"
     */
    public record ArmLine(String arm, int colour, String modelVersion, String weight, String users, String requests,
            String ratings, String rmse, String rmseInterval, String watchThrough, String watchThroughInterval,
            String p50, String p99, String errorRate, String fallbackRate, String split, String decision) {
    }

    /**
     * One arm against control.
     *
     * @param arm the arm
     * @param baseline control
     * @param rmseDifference RMSE(arm) − RMSE(control)
     * @param welchP Welch's t-test p-value on the squared errors (fixed horizon)
     * @param mseInterval 95 % interval of the MSE difference
     * @param sequentialMseP the always-valid p-value on the MSE difference
     * @param rmseDecision its decision
     * @param watchThroughDifference watch-through(arm) − watch-through(control)
     * @param proportionP the two-proportion z-test p-value (fixed horizon)
     * @param sequentialWatchThroughP the always-valid p-value on the watch-through difference
     * @param watchThroughDecision its decision
     */
    public record ComparisonLine(String arm, String baseline, String rmseDifference, String welchP, String mseInterval,
            String sequentialMseP, String rmseDecision, String watchThroughDifference, String proportionP,
            String sequentialWatchThroughP, String watchThroughDecision) {
    }

    /**
     * A chart with its caption and legend.
     *
     * @param id the anchor (and the SVG title's id)
     * @param title the heading and the SVG's accessible name
     * @param caption what it shows and how to read it
     * @param summary the data in words, for screen readers (the SVG's description)
     * @param chart the laid-out chart
     * @param legend the series' names and colours (empty when rows are labelled)
     * @param emptyText what the chart says without data
     */
    public record Figure(String id, String title, String caption, String summary, ChartView chart,
            List<LegendEntry> legend, String emptyText) {

        public Figure {
            legend = List.copyOf(legend);
        }
    }

    /**
     * A legend entry.
     *
     * @param name the series
     * @param colour its colour index
     * @param dashed whether its line is dashed
     */
    public record LegendEntry(String name, int colour, boolean dashed) {
    }
}
