package org.movierec.core.data.load;

/**
 * Strict, allocation-free parsing of the numbers in data files. Unlike {@link Double#parseDouble}
 * it accepts no surrounding whitespace, exponents, type suffixes, hexadecimal, {@code NaN} or
 * {@code Infinity}: a rating is written {@code 4}, {@code 3.5} or {@code -1}, nothing else.
 */
final class NumberFields {

    /** Up to this many digits a decimal mantissa fits a long and converts to double exactly. */
    private static final int EXACT_DIGITS = 15;

    /** 10^0 .. 10^15, all exact in a double. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15};

    private NumberFields() {
    }

    /**
     * The decimal number {@code text[start..end)}: an optional sign, digits, and optionally a point
     * followed by digits (at least one digit in all). {@link Double#NaN} when the text is not such a
     * number. The result is the correctly rounded double, as {@link Double#parseDouble} gives.
     */
    static double parseDecimal(String text, int start, int end) {
        int k = start;
        boolean negative = false;
        if (k < end && (text.charAt(k) == '-' || text.charAt(k) == '+')) {
            negative = text.charAt(k) == '-';
            k++;
        }
        long digits = 0;
        int digitCount = 0;
        int fractionDigits = 0;
        boolean point = false;
        for (; k < end; k++) {
            char c = text.charAt(k);
            if (isDigit(c)) {
                if (digitCount < EXACT_DIGITS) {
                    digits = digits * 10 + (c - '0');
                }
                digitCount++;
                if (point) {
                    fractionDigits++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return Double.NaN;
            }
        }
        if (digitCount == 0) {
            return Double.NaN;
        }
        if (digitCount > EXACT_DIGITS) {
            // Validated above, so parseDouble sees only [sign] digits [. digits] and rounds correctly.
            return Double.parseDouble(text.substring(start, end));
        }
        // Both operands are exact doubles and IEEE division rounds correctly, so this equals parseDouble.
        double value = digits / POWERS_OF_TEN[fractionDigits];
        return negative ? -value : value;
    }

    /**
     * The non-negative whole number {@code text[start..end)}, digits only; -1 when the text is empty,
     * holds anything but digits, or exceeds {@link Long#MAX_VALUE}.
     */
    static long parseNonNegativeLong(String text, int start, int end) {
        if (start == end) {
            return -1;
        }
        long value = 0;
        for (int k = start; k < end; k++) {
            char c = text.charAt(k);
            if (!isDigit(c)) {
                return -1;
            }
            int digit = c - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** Like {@link #parseNonNegativeLong}, for values that must fit an int; -1 when they do not. */
    static int parseNonNegativeInt(String text, int start, int end) {
        long value = parseNonNegativeLong(text, start, end);
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
