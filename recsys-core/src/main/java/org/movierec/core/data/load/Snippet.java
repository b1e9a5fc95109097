package org.movierec.core.data.load;

/**
 * Quotes a piece of an input line for an error message: clipped to a readable length, with control
 * characters escaped so that a garbage line cannot break a log.
 */
final class Snippet {

    /** Longest piece of input quoted verbatim; longer pieces end in {@code ...}. */
    static final int MAX_CHARS = 40;

    private Snippet() {
    }

    /** {@code text[start..end)} in single quotes, e.g. {@code 'abc'}. */
    static String quote(String text, int start, int end) {
        return "'" + clip(text, start, end) + "'";
    }

    /** {@code text[start..end)}, clipped and escaped, without quotes. */
    static String clip(String text, int start, int end) {
        int stop = Math.min(end, start + MAX_CHARS);
        StringBuilder clipped = new StringBuilder(stop - start + 8);
        for (int k = start; k < stop; k++) {
            char c = text.charAt(k);
            if (c == '\t') {
                clipped.append("\\t");
            } else if (Character.isISOControl(c)) {
                clipped.append(String.format("\\u%04x", (int) c));
            } else {
                clipped.append(c);
            }
        }
        if (stop < end) {
            clipped.append("...");
        }
        return clipped.toString();
    }

    /** The whole of {@code text} in single quotes. */
    static String quote(String text) {
        return quote(text, 0, text.length());
    }
}
