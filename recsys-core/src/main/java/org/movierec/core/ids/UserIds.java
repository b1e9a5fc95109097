package org.movierec.core.ids;

/**
 * The platform's user ids: positive integers, at most {@value #MAX_DIGITS} digits, written without
 * sign or leading zeros. Every edge (HTTP path parameters, event lines) validates with this class.
 */
public final class UserIds {

    /** 18 digits always fit in a long. */
    public static final int MAX_DIGITS = 18;

    private UserIds() {
    }

    /** The problem with {@code text} as a user id, or null when it is a valid one. */
    public static String problem(String text) {
        if (text == null || text.isEmpty()) {
            return "userId is empty";
        }
        if (text.length() > MAX_DIGITS) {
            return "userId is longer than " + MAX_DIGITS + " digits";
        }
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c < '0' || c > '9') {
                return "userId must be a positive integer, got '" + text + "'";
            }
        }
        if (text.charAt(0) == '0') {
            return "userId must be a positive integer without leading zeros, got '" + text + "'";
        }
        return null;
    }

    /** The id as a number; call only after {@link #problem(String)} returned null. */
    public static long parse(String text) {
        return Long.parseLong(text);
    }
}
