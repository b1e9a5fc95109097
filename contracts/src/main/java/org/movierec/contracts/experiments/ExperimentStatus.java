package org.movierec.contracts.experiments;

import java.util.Locale;

/** The status of an A/B experiment document, stored lower-case ({@code running}, ...). */
public enum ExperimentStatus {
    /** Routing traffic to its arms; its model versions must be served. */
    RUNNING,
    /** Paused or ended by an operator. */
    STOPPED,
    /** Ran its course; a winner may have been promoted. */
    COMPLETED,
    /** Ended early, for example a canary whose online metrics were worse. */
    ABORTED;

    /** The lower-case name stored in MongoDB. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status stored as {@code wireName}.
     *
     * @throws IllegalArgumentException if {@code wireName} is not the wire name of a status
     */
    public static ExperimentStatus fromWireName(String wireName) {
        for (ExperimentStatus status : values()) {
            if (status.wireName().equals(wireName)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown experiment status '" + wireName + "'");
    }
}
