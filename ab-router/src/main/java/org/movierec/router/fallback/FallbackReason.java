package org.movierec.router.fallback;

import java.util.Locale;

/** Why the router answered from its popularity list instead of the model (a metric tag). */
public enum FallbackReason {
    /** The upstream did not answer within the timeout. */
    TIMEOUT,
    /** The upstream could not be reached (connection refused or reset). */
    CONNECTION,
    /** The upstream answered 5xx. */
    UPSTREAM_ERROR,
    /** The upstream answered another non-200 status (e.g. 404: the arm's version is not loaded). */
    UPSTREAM_REJECTED;

    /** The tag value: {@code timeout}, {@code connection}, {@code upstream_error}, {@code upstream_rejected}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
