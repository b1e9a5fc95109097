package org.movierec.contracts.events;

/**
 * Quotes a piece of an input line for a rejection detail: clipped to a readable length, with
 * control characters escaped so that a garbage line cannot break a log or a dead-letter record.
 */
final class Snippet {

    /** Longest piece of input quoted verbatim; longer pieces end in {@code ...}. */
    static final int MAX_CHARS = 40;

    private Snippet() {
    }

    /** {@code text[start..end)} in single quotes, clipped and escaped, e.g. {@code 'abc'}. */
    static String quote(CharSequence text, int start, int end) {
        int stop = Math.min(end, start + MAX_CHARS);
        StringBuilder sb = new StringBuilder(stop - start + 8).append('\'');
        for (int k = start; k < stop; k++) {
            char c = text.charAt(k);
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                sb.append("\\u").append(Character.forDigit(c >> 12 & 0xf, 16)).append(Character.forDigit(c >> 8 & 0xf, 16))
                        .append(Character.forDigit(c >> 4 & 0xf, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                sb.append(c);
            }
        }
        if (stop < end) {
            sb.append("...");
        }
        return sb.append('\'').toString();
    }
}
