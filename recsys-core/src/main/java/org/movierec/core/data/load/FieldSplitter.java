package org.movierec.core.data.load;

/**
 * Splits a line into fields at a fixed separator ({@code "\t"}, {@code "::"}, {@code ","}, ...) by
 * hand: no regular expression and no allocation per line. Remembers the bounds of the first
 * {@code capacity} fields of the last split line; counts all of them.
 */
final class FieldSplitter {

    private final String separator;
    private final char separatorChar;
    private final int[] starts;
    private final int[] ends;

    /**
     * @param separator the text between two fields, not empty
     * @param capacity  how many fields' bounds to remember, usually the number the format expects
     */
    FieldSplitter(String separator, int capacity) {
        if (separator.isEmpty()) {
            throw new IllegalArgumentException("empty separator");
        }
        this.separator = separator;
        this.separatorChar = separator.charAt(0);
        this.starts = new int[capacity];
        this.ends = new int[capacity];
    }

    /** Splits {@code line}; returns how many fields it has (one more than separators). */
    int split(String line) {
        int count = 0;
        int from = 0;
        int separatorLength = separator.length();
        while (true) {
            int at = separatorLength == 1 ? line.indexOf(separatorChar, from) : line.indexOf(separator, from);
            int end = at < 0 ? line.length() : at;
            if (count < starts.length) {
                starts[count] = from;
                ends[count] = end;
            }
            count++;
            if (at < 0) {
                return count;
            }
            from = at + separatorLength;
        }
    }

    /** Where field {@code field} of the last split line starts (inclusive). */
    int start(int field) {
        return starts[field];
    }

    /** Where field {@code field} of the last split line ends (exclusive). */
    int end(int field) {
        return ends[field];
    }
}
