package org.movierec.contracts.events;

import java.time.LocalDateTime;

/**
 * The time at the start of a {@code movielog} line: ISO-8601 local time {@code yyyy-MM-ddTHH:mm:ss}
 * with or without a fraction of 1 to 9 digits ({@code 2025-10-17T01:38:54},
 * {@code 2025-10-17T01:33:45.122692921}). Scanned by hand against that fixed shape, then checked for
 * a real date (month 1-12, day in the month, leap years) and time (hour 0-23, minute and second
 * 0-59; no leap second).
 */
final class MovielogTime {

    /** Length of {@code yyyy-MM-ddTHH:mm:ss}. */
    static final int BASE_LENGTH = 19;
    /** Most fraction digits, nanoseconds. */
    static final int MAX_FRACTION_DIGITS = 9;

    /** The shape of the base: {@code d} a digit, anything else itself. */
    private static final String SHAPE = "dddd-dd-ddTdd:dd:dd";
    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    private static final int[] SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    /** {@link #shapeEnd} result: the text ends inside a time that is well-shaped so far. */
    static final int TRUNCATED = -1;
    /** {@link #shapeEnd} result: the text does not have the shape of a time. */
    static final int MALFORMED = -2;

    private MovielogTime() {
    }

    /**
     * Where a well-shaped time that starts at {@code s[start]} ends (the index after its last
     * character), looking no further than {@code end}; {@link #TRUNCATED} or {@link #MALFORMED}
     * otherwise. Only the shape is checked here, not the ranges: see {@link #toDateTime}.
     */
    static int shapeEnd(CharSequence s, int start, int end) {
        for (int k = 0; k < BASE_LENGTH; k++) {
            int at = start + k;
            if (at >= end) {
                return TRUNCATED;
            }
            char c = s.charAt(at);
            char want = SHAPE.charAt(k);
            if (want == 'd' ? !isDigit(c) : c != want) {
                return MALFORMED;
            }
        }
        int at = start + BASE_LENGTH;
        if (at >= end || s.charAt(at) != '.') {
            return at;
        }
        int digitsEnd = at + 1;
        while (digitsEnd < end && isDigit(s.charAt(digitsEnd))) {
            digitsEnd++;
        }
        int digits = digitsEnd - at - 1;
        if (digits > MAX_FRACTION_DIGITS) {
            return MALFORMED;
        }
        if (digits == 0) {
            return digitsEnd == end ? TRUNCATED : MALFORMED;
        }
        return digitsEnd;
    }

    /**
     * The date and time of the well-shaped time {@code s[start..end)} (as found by
     * {@link #shapeEnd}), or {@code null} when a field is out of range ({@link #rangeProblem} says which).
     */
    static LocalDateTime toDateTime(CharSequence s, int start, int end) {
        int year = number(s, start, 4);
        int month = number(s, start + 5, 2);
        int day = number(s, start + 8, 2);
        int hour = number(s, start + 11, 2);
        int minute = number(s, start + 14, 2);
        int second = number(s, start + 17, 2);
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
                || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nano = 0;
        int digits = end - start - BASE_LENGTH - 1;
        if (digits > 0) {
            nano = number(s, start + BASE_LENGTH + 1, digits) * SCALE[digits];
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, nano);
    }

    /** Which field of the well-shaped time {@code s[start..end)} is out of range, for a rejection detail. */
    static String rangeProblem(CharSequence s, int start, int end) {
        int year = number(s, start, 4);
        int month = number(s, start + 5, 2);
        String time = Snippet.quote(s, start, end);
        if (month < 1 || month > 12) {
            return "month " + month + " in " + time;
        }
        int day = number(s, start + 8, 2);
        if (day < 1 || day > daysInMonth(year, month)) {
            return "day " + day + " not in month " + month + " of " + year + " in " + time;
        }
        if (number(s, start + 11, 2) > 23) {
            return "hour over 23 in " + time;
        }
        if (number(s, start + 14, 2) > 59) {
            return "minute over 59 in " + time;
        }
        return "second over 59 in " + time;
    }

    /**
     * Appends {@code time} in canonical form: {@code yyyy-MM-ddTHH:mm:ss}, then a fraction of 3, 6
     * or 9 digits when the nanoseconds are not zero (as {@link LocalDateTime#toString()} does).
     */
    static void append(StringBuilder sb, LocalDateTime time) {
        pad(sb, time.getYear(), 4).append('-');
        pad(sb, time.getMonthValue(), 2).append('-');
        pad(sb, time.getDayOfMonth(), 2).append('T');
        pad(sb, time.getHour(), 2).append(':');
        pad(sb, time.getMinute(), 2).append(':');
        pad(sb, time.getSecond(), 2);
        int nano = time.getNano();
        if (nano != 0) {
            sb.append('.');
            if (nano % 1_000_000 == 0) {
                pad(sb, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                pad(sb, nano / 1_000, 6);
            } else {
                pad(sb, nano, 9);
            }
        }
    }

    /** Whether a time can be written as four-digit year; the year must be in {@code 0..9999}. */
    static boolean isWritable(LocalDateTime time) {
        return time.getYear() >= 0 && time.getYear() <= 9999;
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        for (int limit = 10, k = 1; k < width; k++, limit *= 10) {
            if (value < limit) {
                sb.append('0');
            }
        }
        return sb.append(value);
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) {
            return 29;
        }
        return DAYS_IN_MONTH[month - 1];
    }

    private static int number(CharSequence s, int start, int digits) {
        int value = 0;
        for (int k = start; k < start + digits; k++) {
            value = value * 10 + (s.charAt(k) - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
