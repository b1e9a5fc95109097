package org.movierec.core.data.load;

/** What a loader does with a line it cannot use. */
public enum BadLinePolicy {

    /** Stop at the first malformed line with a {@link MalformedDataException}. */
    FAIL,

    /** Leave malformed lines out, counting them by reason in the {@link LoadReport}. */
    SKIP
}
