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
     * @param split the actual share of users since the weights changed (the SRM check's counts)
     */
    public record ArmLine(String arm, int colour, String modelVersion, String weight, String users, String requests,
            String ratings, String rmse, String rmseInterval, String watchThrough, String watchThroughInterval,
            String p50, String p99, String errorRate, String fallbackRate, String split) {
    }

    /**
     * One metric of one arm against control: a row of the comparison table.
     *
     * @param arm the arm
     * @param baseline control
     * @param metric "Online RMSE" or "Watch-through"
     * @param difference the difference arm − control
     * @param tested what the tests compare, with its 95 % interval (the MSE difference for RMSE)
     * @param fixedHorizonP the fixed-horizon p-value (Welch's t-test; two-proportion z-test)
     * @param sequentialP the always-valid p-value of the mSPRT
     * @param decision the sequential decision
     */
    public record ComparisonLine(String arm, String baseline, String metric, String difference, String tested,
            String fixedHorizonP, String sequentialP, String decision) {
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
