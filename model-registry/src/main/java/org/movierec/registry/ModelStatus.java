package org.movierec.registry;

import java.util.Locale;

/**
 * The life-cycle status of a {@link ModelVersion}. Stored in MongoDB as its lower-case
 * {@linkplain #wireName() wire name} ({@code candidate}, {@code production}, {@code archived},
 * {@code rejected}).
 *
 * <p>Transitions: a version is registered as {@link #CANDIDATE}; {@link ModelRegistry#promote promote}
 * makes a candidate or archived version {@link #PRODUCTION} and the previous production version
 * {@link #ARCHIVED}; {@link ModelRegistry#archive archive} retires a candidate; {@link ModelRegistry#reject
 * reject} marks any version but the production one as unfit, for good.
 */
public enum ModelStatus {
    /** Registered, not (yet) promoted. */
    CANDIDATE,
    /** The version the production pointer names; exactly one version, or none, has this status. */
    PRODUCTION,
    /** Retired: was production, or was a candidate nobody wants; can be promoted again (rollback). */
    ARCHIVED,
    /** Found unfit (failed a gate, broke something); never promoted. Terminal. */
    REJECTED;

    /** The lower-case name stored in MongoDB. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status stored as {@code wireName}.
     *
     * @throws IllegalArgumentException if {@code wireName} is not the wire name of a status
     */
    public static ModelStatus fromWireName(String wireName) {
        for (ModelStatus status : values()) {
            if (status.wireName().equals(wireName)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown model status '" + wireName + "'");
    }
}
