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
 * @param window the analysis window and the watch-through cut-off, in words
 * @param analysis the unit, population, primary metric, guardrails and levels, in words
 * @param arms the per-arm table
 * @param comparisons the effects table: each arm's metrics against control
 * @param decisions each arm's decision
 * @param periods each weight period as its own comparison
 * @param timeline the effects per time bucket
 * @param notes what a reader must know
 * @param srm the sample-ratio-mismatch line (current weight period)
 * @param srmMismatch whether it flags a mismatch
 * @param figures the charts, in page order
 */
public record ReportView(String experimentId, String name, String type, String status, String started, String ended,
        String endReason, String generatedAt, String window, String analysis, List<ArmLine> arms,
        List<ComparisonLine> comparisons, List<DecisionLine> decisions, List<PeriodLine> periods,
        List<BucketLine> timeline, List<String> notes, String srm, boolean srmMismatch, List<Figure> figures) {

    public ReportView {
        arms = List.copyOf(arms);
        comparisons = List.copyOf(comparisons);
        decisions = List.copyOf(decisions);
        periods = List.copyOf(periods);
        timeline = List.copyOf(timeline);
        notes = List.copyOf(notes);
        figures = List.copyOf(figures);
    }

    /**
     * One arm's row of the report table (by assignment).
     *
     * @param arm the arm
     * @param colour its colour index in the charts
     * @param modelVersion its model version
     * @param weight its target share
     * @param users distinct users
     * @param requests answered requests
     * @param ratings rated predictions
     * @param rmse online RMSE
     * @param rmseInterval its 95 % user-level interval
     * @param watchThrough watch-through rate (answers before the watch window's cut-off)
     * @param watchThroughInterval its 95 % user-level interval
     * @param p50 what the client waited, p50
     * @param p99 what the client waited, p99
     * @param errorRate failed attempts over attempts
     * @param fallbackRate fallbacks over answers
     * @param otherVersion answers by another version than the arm's (and their users)
     * @param split the actual share of users in the current weight period (the SRM check's counts)
     */
    public record ArmLine(String arm, int colour, String modelVersion, String weight, String users, String requests,
            String ratings, String rmse, String rmseInterval, String watchThrough, String watchThroughInterval,
            String p50, String p99, String errorRate, String fallbackRate, String otherVersion, String split) {
    }

    /**
     * One metric of one arm against control: a row of the effects table.
     *
     * @param arm the arm
     * @param metric the metric and its role (primary, guardrail, paired)
     * @param values control's value → the arm's
     * @param difference the difference arm − control with its 95 % interval
     * @param relative the relative effect with its 95 % interval
     * @param designEffect the user-level variance over the row-level one (and CUPED's variance reduction)
     * @param fixedHorizonP the fixed-horizon p-value and when it may be acted on
     * @param alwaysValidP the stored always-valid p-value and its looks
     * @param verdict in words, with what the sample can tell
     * @param flagged whether the line is a significant or breached result
     */
    public record ComparisonLine(String arm, String metric, String values, String difference, String relative,
            String designEffect, String fixedHorizonP, String alwaysValidP, String verdict, boolean flagged) {
    }

    /**
     * The decision on one arm.
     *
     * @param arm the arm
     * @param decision in words
     * @param stop whether it says stop
     */
    public record DecisionLine(String arm, String decision, boolean stop) {
    }

    /**
     * One weight period as its own comparison.
     *
     * @param from its start (UTC)
     * @param to its end (UTC)
     * @param weights the weights
     * @param users users per arm
     * @param srm its sample-ratio check in words
     * @param effects each arm's watch-through and RMSE lift with intervals
     */
    public record PeriodLine(String from, String to, String weights, String users, String srm, String effects) {
    }

    /**
     * One time bucket's effects.
     *
     * @param start the bucket's start (UTC)
     * @param effects each arm's watch-through and RMSE lift with intervals
     */
    public record BucketLine(String start, String effects) {
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
