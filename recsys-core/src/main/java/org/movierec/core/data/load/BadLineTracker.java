package org.movierec.core.data.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies a {@link BadLinePolicy} to the malformed lines of one file: throws on the first under
 * {@code FAIL}; counts them by reason and keeps the first few messages under {@code SKIP}.
 */
final class BadLineTracker {

    /** How many example messages a report keeps. */
    static final int MAX_EXAMPLES = 10;

    private final String source;
    private final BadLinePolicy policy;
    private final Map<String, Long> skippedByReason = new TreeMap<>();
    private final List<String> examples = new ArrayList<>();
    private long skipped;

    BadLineTracker(String source, BadLinePolicy policy) {
        this.source = source;
        this.policy = policy;
    }

    /**
     * Records that line {@code lineNumber} is malformed.
     *
     * @throws MalformedDataException under {@link BadLinePolicy#FAIL}
     */
    void reject(long lineNumber, String reason, String detail) {
        if (policy == BadLinePolicy.FAIL) {
            throw new MalformedDataException(source, lineNumber, reason, detail);
        }
        skipped++;
        skippedByReason.merge(reason, 1L, Long::sum);
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(MalformedDataException.describe(source, lineNumber, detail));
        }
    }

    String source() {
        return source;
    }

    long skipped() {
        return skipped;
    }

    Map<String, Long> skippedByReason() {
        return skippedByReason;
    }

    List<String> examples() {
        return examples;
    }
}
