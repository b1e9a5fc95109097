package org.movierec.core.data.load;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a loader did with one file. Every line read is exactly one of: a header line, a blank line,
 * a loaded record or a skipped line, so
 * {@code linesRead == headerLines + blankLines + recordsLoaded + skipped}.
 *
 * @param source          the file name the lines came from
 * @param linesRead       physical lines read
 * @param headerLines     header lines (1 for a CSV ratings file, otherwise 0)
 * @param blankLines      empty or whitespace-only lines, ignored
 * @param recordsLoaded   records kept: ratings for a ratings file, users for a demographics file
 * @param skipped         malformed lines left out under {@link BadLinePolicy#SKIP}
 * @param skippedByReason skipped lines per {@link BadLineReasons} key, in key order; read-only
 * @param duplicates      loaded ratings whose (user, item) pair already appeared earlier in the same
 *                        file; they are kept, only counted (always 0 for demographics)
 * @param examples        messages of the first few skipped lines, in file order; read-only
 */
public record LoadReport(String source, long linesRead, long headerLines, long blankLines, long recordsLoaded,
                         long skipped, Map<String, Long> skippedByReason, long duplicates, List<String> examples) {

    public LoadReport {
        Objects.requireNonNull(source, "source");
        skippedByReason = Collections.unmodifiableMap(new TreeMap<>(skippedByReason));
        examples = List.copyOf(examples);
    }

    /** How many lines were skipped for {@code reason} (a {@link BadLineReasons} key); 0 if none. */
    public long skipped(String reason) {
        return skippedByReason.getOrDefault(reason, 0L);
    }

    /** One line for logs and command-line output. */
    public String summary() {
        StringBuilder text = new StringBuilder()
                .append(source).append(": ").append(linesRead).append(" lines, ")
                .append(recordsLoaded).append(" loaded, ")
                .append(blankLines).append(" blank, ")
                .append(skipped).append(" skipped");
        if (!skippedByReason.isEmpty()) {
            text.append(' ').append(skippedByReason);
        }
        if (duplicates > 0) {
            text.append(", ").append(duplicates).append(" duplicate (user, item) pairs");
        }
        return text.toString();
    }
}
