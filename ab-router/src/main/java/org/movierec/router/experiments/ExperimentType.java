package org.movierec.router.experiments;

import java.util.Locale;

/** What created an experiment: an operator's A/B test, or a canary rollout driven by the controller. */
public enum ExperimentType {
    /** An A/B test whose weights only an operator changes. */
    AB,
    /** A canary rollout: arms {@code control} and {@code candidate}, weights set by the canary controller. */
    CANARY;

    /** The lower-case name stored and answered ({@code ab}, {@code canary}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type stored as {@code wireName}. */
    public static ExperimentType fromWireName(String wireName) {
        for (ExperimentType type : values()) {
            if (type.wireName().equals(wireName)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown experiment type '" + wireName + "'");
    }
}
