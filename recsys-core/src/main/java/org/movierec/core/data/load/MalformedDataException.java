package org.movierec.core.data.load;

/**
 * A line of a data file that cannot be used, thrown under {@link BadLinePolicy#FAIL}. The message
 * names the file, the 1-based line number and what is wrong, for example
 * {@code u.data:17: expected 4 tab-separated fields, found 3}.
 */
public class MalformedDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long lineNumber;
    private final String reason;
    private final String detail;

    /**
     * @param source     the file name (or another name for the input) the line came from
     * @param lineNumber the 1-based line number
     * @param reason     one of the {@link BadLineReasons} keys
     * @param detail     what is wrong, in words
     */
    public MalformedDataException(String source, long lineNumber, String reason, String detail) {
        super(describe(source, lineNumber, detail));
        this.source = source;
        this.lineNumber = lineNumber;
        this.reason = reason;
        this.detail = detail;
    }

    /** The message format shared by exceptions and report examples: {@code source:line: detail}. */
    static String describe(String source, long lineNumber, String detail) {
        return source + ":" + lineNumber + ": " + detail;
    }

    public String source() {
        return source;
    }

    public long lineNumber() {
        return lineNumber;
    }

    /** The {@link BadLineReasons} key, such as {@code field_count}. */
    public String reason() {
        return reason;
    }

    /** What is wrong with the line, without the file name and line number. */
    public String detail() {
        return detail;
    }
}
