package org.movierec.router.report.chart;

import java.time.Instant;

/**
 * One value of a series at a time, with its interval.
 *
 * @param at when (a bucket's start, or a look's time)
 * @param value the value; NaN: no data then (a gap)
 * @param lower the interval's lower bound, NaN without an interval
 * @param upper the interval's upper bound, NaN without an interval
 */
public record TimedValue(Instant at, double value, double lower, double upper) {

    /** A value without an interval. */
    public static TimedValue of(Instant at, double value) {
        return new TimedValue(at, value, Double.NaN, Double.NaN);
    }
}
