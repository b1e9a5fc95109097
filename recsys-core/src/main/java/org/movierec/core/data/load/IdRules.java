package org.movierec.core.data.load;

/**
 * What makes a user id, item id or zip code acceptable: not empty, at most {@value #MAX_LENGTH}
 * characters, no whitespace, no control characters and no U+FFFD (the mark of an undecodable byte).
 */
final class IdRules {

    /** The longest id accepted. */
    static final int MAX_LENGTH = 64;

    private static final char REPLACEMENT = '\uFFFD';

    private IdRules() {
    }

    /**
     * What is wrong with the id {@code line[start..end)}, or {@code null} when it is acceptable.
     *
     * @param what the name of the field for the message, e.g. {@code "user id"}
     */
    static String problem(String what, String line, int start, int end) {
        int length = end - start;
        if (length == 0) {
            return "empty " + what;
        }
        if (length > MAX_LENGTH) {
            return what + " " + Snippet.quote(line, start, end) + " is longer than " + MAX_LENGTH
                    + " characters (" + length + ")";
        }
        for (int k = start; k < end; k++) {
            char c = line.charAt(k);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                return what + " " + Snippet.quote(line, start, end) + " contains whitespace or a control character";
            }
            if (c == REPLACEMENT) {
                return what + " " + Snippet.quote(line, start, end) + " contains an undecodable byte";
            }
        }
        return null;
    }
}
