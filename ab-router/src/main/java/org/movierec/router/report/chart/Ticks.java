package org.movierec.router.report.chart;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an axis puts its tick marks: round values a reader can interpolate between.
 *
 * <ul>
 *   <li>{@link #linear}: steps of 1, 2 or 5 × 10^k, the smallest such step that gives at most
 *       {@code maxTicks} ticks over the range (the "nice numbers" idea of Heckbert, Graphics Gems, 1990);
 *       the ticks are the step's multiples inside [min, max];</li>
 *   <li>{@link #powersOfTen}: every power of ten inside [min, max] (log axes);</li>
 *   <li>{@link #time}: a step from a fixed list of clock-friendly durations (1 min … 7 days), multiples
 *       of the step since the epoch (so 15-minute ticks fall on :00, :15, :30, :45 UTC).</li>
 * </ul>
 */
public final class Ticks {

    /** The clock-friendly steps of {@link #time}, shortest first. */
    static final List<Duration> TIME_STEPS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12),
            Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(7));

    private static final double[] MANTISSAS = {1, 2, 5, 10};

    private Ticks() {
    }

    /**
     * The step of {@link #linear}: the smallest 1, 2 or 5 × 10^k with at most {@code maxTicks} multiples
     * in [min, max].
     */
    public static double niceStep(double min, double max, int maxTicks) {
        checkRange(min, max, maxTicks);
        double rough = (max - min) / Math.max(1, maxTicks - 1);
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double mantissa : MANTISSAS) {
            double step = mantissa * power;
            if (countMultiples(min, max, step) <= maxTicks) {
                return step;
            }
        }
        return 10 * power;
    }

    /** The multiples of {@link #niceStep} inside [min, max], ascending. */
    public static List<Double> linear(double min, double max, int maxTicks) {
        return multiples(min, max, niceStep(min, max, maxTicks));
    }

    /** The multiples of {@code step} inside [min, max], ascending. */
    public static List<Double> multiples(double min, double max, double step) {
        List<Double> ticks = new ArrayList<>();
        long first = (long) Math.ceil(min / step - 1e-9);
        long last = (long) Math.floor(max / step + 1e-9);
        for (long i = first; i <= last; i++) {
            // i * step, not a running sum: no accumulated rounding (0.1 + 0.2 ...)
            ticks.add(clean(i * step, step));
        }
        return ticks;
    }

    /**
     * [min, max] widened outwards to multiples of a 1, 2 or 5 × 10^k step, the smallest step for which the
     * widened axis has at most {@code maxTicks} ticks, so the axis starts and ends on a tick.
     */
    public static Domain niceDomain(double min, double max, int maxTicks) {
        checkRange(min, max, maxTicks);
        double power = Math.pow(10, Math.floor(Math.log10((max - min) / Math.max(1, maxTicks - 1))));
        while (true) {
            for (double mantissa : MANTISSAS) {
                double step = mantissa * power;
                long first = (long) Math.floor(min / step + 1e-9);
                long last = (long) Math.ceil(max / step - 1e-9);
                if (last - first + 1 <= maxTicks) {
                    return new Domain(clean(first * step, step), clean(last * step, step), step);
                }
            }
            power *= 10;
        }
    }

    /**
     * An axis' extent and the step of its ticks.
     *
     * @param lower the first tick
     * @param upper the last tick
     * @param step the distance between ticks
     */
    public record Domain(double lower, double upper, double step) {

        /** The ticks: multiples of the step from lower to upper. */
        public List<Double> ticks() {
            return multiples(lower, upper, step);
        }
    }

    /** Every 10^k inside [min, max] (0 &lt; min &lt; max), ascending. */
    public static List<Double> powersOfTen(double min, double max) {
        if (!(min > 0 && min < max)) {
            throw new IllegalArgumentException("need 0 < min < max, got " + min + ", " + max);
        }
        List<Double> ticks = new ArrayList<>();
        for (int k = (int) Math.ceil(Math.log10(min) - 1e-9); k <= (int) Math.floor(Math.log10(max) + 1e-9); k++) {
            ticks.add(Double.parseDouble("1e" + k));
        }
        return ticks;
    }

    /** The shortest step of {@link #TIME_STEPS} that gives at most {@code maxTicks} ticks in [from, to]. */
    public static Duration timeStep(Instant from, Instant to, int maxTicks) {
        if (!from.isBefore(to) || maxTicks < 2) {
            throw new IllegalArgumentException("need from < to and maxTicks >= 2, got " + from + ", " + to + ", " + maxTicks);
        }
        for (Duration step : TIME_STEPS) {
            if (timeTicks(from, to, step).size() <= maxTicks) {
                return step;
            }
        }
        long days = Duration.between(from, to).toDays() / (maxTicks - 1) + 1;
        return Duration.ofDays(days);
    }

    /** The multiples of {@link #timeStep} since the epoch inside [from, to], ascending. */
    public static List<Instant> time(Instant from, Instant to, int maxTicks) {
        return timeTicks(from, to, timeStep(from, to, maxTicks));
    }

    private static List<Instant> timeTicks(Instant from, Instant to, Duration step) {
        long s = step.toMillis();
        List<Instant> ticks = new ArrayList<>();
        for (long t = Math.floorDiv(from.toEpochMilli() + s - 1, s) * s; t <= to.toEpochMilli(); t += s) {
            ticks.add(Instant.ofEpochMilli(t));
        }
        return ticks;
    }

    private static long countMultiples(double min, double max, double step) {
        return (long) Math.floor(max / step + 1e-9) - (long) Math.ceil(min / step - 1e-9) + 1;
    }

    /** {@code value} rounded to the step's decimals, so 3 × 0.1 is 0.3, not 0.30000000000000004. */
    private static double clean(double value, double step) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step)) + 1);
        return new java.math.BigDecimal(value).setScale(decimals, java.math.RoundingMode.HALF_EVEN).doubleValue() + 0.0;
    }

    private static void checkRange(double min, double max, int maxTicks) {
        if (!(Double.isFinite(min) && Double.isFinite(max) && min < max) || maxTicks < 2) {
            throw new IllegalArgumentException("need finite min < max and maxTicks >= 2, got " + min + ", " + max + ", "
                    + maxTicks);
        }
    }
}
