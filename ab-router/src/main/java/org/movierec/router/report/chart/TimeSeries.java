package org.movierec.router.report.chart;

import java.util.List;

/**
 * The values of one arm over time, oldest first.
 *
 * @param name the arm's name (shown in the legend and the tooltips)
 * @param colour the arm's colour index (its position in the experiment), the same in every chart
 * @param dashed whether its line is dashed (a second metric of the same arm)
 * @param values the values
 */
public record TimeSeries(String name, int colour, boolean dashed, List<TimedValue> values) {

    public TimeSeries {
        values = List.copyOf(values);
    }
}
