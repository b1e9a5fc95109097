package org.movierec.contracts.events;

import java.time.LocalDateTime;

/**
 * What the event records require of their fields so that {@link MovieEvent#toLine()} always writes
 * one line with the structure of its event, and the shared start of every line.
 */
final class LineFields {

    private LineFields() {
    }

    /** A new line holding {@code <time>,<userId>,}. */
    static StringBuilder start(LocalDateTime time, long userId, int expectedLength) {
        StringBuilder sb = new StringBuilder(expectedLength + 48);
        MovielogTime.append(sb, time);
        return sb.append(',').append(userId).append(',');
    }

    /** Checks the time and user id shared by all events. */
    static void requireTimeAndUser(LocalDateTime time, long userId) {
        if (time == null) {
            throw new IllegalArgumentException("time is null");
        }
        if (!MovielogTime.isWritable(time)) {
            throw new IllegalArgumentException("time " + time + " has a year outside 0..9999");
        }
        if (userId <= 0) {
            throw new IllegalArgumentException("user id must be positive, got " + userId);
        }
    }

    /** A movie id must be non-empty and free of the delimiters {@code , / =}, whitespace and control characters. */
    static void requireMovieId(String movieId) {
        requireToken("movie id", movieId, ",/=");
    }

    /** A server must be non-empty and free of commas, whitespace and control characters. */
    static void requireServer(String server) {
        requireToken("server", server, ",");
    }

    /** An error text may be empty but must hold no control character (it would end the line). */
    static void requireErrorText(String error) {
        for (int k = 0; k < error.length(); k++) {
            if (Character.isISOControl(error.charAt(k))) {
                throw new IllegalArgumentException("error text holds a control character: " + Snippet.quote(error, 0, error.length()));
            }
        }
    }

    private static void requireToken(String what, String value, String delimiters) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is null or empty");
        }
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if (delimiters.indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException(what + " " + Snippet.quote(value, 0, value.length())
                        + " holds a delimiter, whitespace or control character");
            }
        }
    }
}
