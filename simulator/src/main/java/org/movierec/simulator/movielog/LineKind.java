package org.movierec.simulator.movielog;

import java.util.Locale;

/** What a written line is, for the {@code simulator.lines} counter. */
public enum LineKind {
    /** {@code GET /data/m/<movie>/<minute>.mpg} */
    WATCH,
    /** {@code GET /rate/<movie>=<rating>} within the scale */
    RATE,
    /** {@code recommendation request ...} */
    REQUEST,
    /** {@code GET /create_account} */
    ACCOUNT,
    /** an injected garbage line (truncated, unknown verb, huge) */
    GARBAGE,
    /** an injected exact copy of the line before it */
    DUPLICATE,
    /** an injected rating outside the scale */
    OUT_OF_RANGE;

    /** The metric tag value, e.g. {@code out_of_range}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
