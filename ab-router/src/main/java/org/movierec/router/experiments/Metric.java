package org.movierec.router.experiments;

import java.util.Locale;

/**
 * A metric an experiment can name as its primary metric or as a guardrail ({@link AnalysisPlan}).
 *
 * <ul>
 *   <li>{@link #WATCH_THROUGH}: the share of answers followed by a watch of one of their movies (higher is better);</li>
 *   <li>{@link #RMSE}: the online RMSE of the arm's predictions (lower is better);</li>
 *   <li>{@link #ERROR_RATE}: failed upstream attempts per attempt (lower is better);</li>
 *   <li>{@link #LATENCY_P99}: the 99th percentile of what the client waits (lower is better); a guardrail only: a
 *       percentile has no sequential test here, it is held to the configured maximum increase.</li>
 * </ul>
 */
public enum Metric {
    WATCH_THROUGH(true),
    RMSE(false),
    ERROR_RATE(false),
    LATENCY_P99(false);

    private final boolean higherIsBetter;

    Metric(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    /** Whether a higher value is the better one. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether it can be an experiment's primary metric (it has a sequential test). */
    public boolean canBePrimary() {
        return this != LATENCY_P99;
    }

    /** The name stored and answered: {@code watch-through}, {@code rmse}, {@code error-rate}, {@code latency-p99}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The metric named {@code wireName}, or null. */
    public static Metric fromWireName(String wireName) {
        for (Metric metric : values()) {
            if (metric.wireName().equals(wireName)) {
                return metric;
            }
        }
        return null;
    }

    /** The wire names, for messages. */
    public static String wireNames() {
        StringBuilder names = new StringBuilder();
        for (Metric metric : values()) {
            names.append(names.isEmpty() ? "" : ", ").append(metric.wireName());
        }
        return names.toString();
    }
}
