package org.movierec.simulator.faults;

import java.util.SplittableRandom;

/**
 * Makes the garbage real streams carry out of a valid line: the line cut short, an unknown request,
 * or a huge line. {@code MovielogParser} rejects them as {@code truncated}, {@code unknown_verb} and
 * {@code too_long}.
 */
public final class GarbageLines {

    /** The kinds of garbage, in the order {@link #make} picks them uniformly. */
    public enum Kind { TRUNCATED, UNKNOWN_VERB, HUGE }

    /** Longer than any line a parser accepts by default (4096 chars). */
    static final int HUGE_MIN_LENGTH = 5000;

    private static final String[] UNKNOWN_REQUESTS = {"POST /rate/%d=4", "DELETE /data/m/%d/1.mpg", "GET /login",
        "GET /search?q=%d", "PUT /recommend/%d"};

    private GarbageLines() {
    }

    /** A garbage line of the given kind made from the valid {@code line} (of the form {@code <time>,<user>,<request>}). */
    public static String make(Kind kind, String line, SplittableRandom random) {
        return switch (kind) {
            case TRUNCATED -> line.substring(0, 1 + random.nextInt(line.length() - 1));
            case UNKNOWN_VERB -> {
                int userEnd = line.indexOf(',', line.indexOf(',') + 1);
                String request = UNKNOWN_REQUESTS[random.nextInt(UNKNOWN_REQUESTS.length)];
                yield line.substring(0, userEnd + 1) + String.format(request, 1 + random.nextInt(1000));
            }
            case HUGE -> {
                int length = HUGE_MIN_LENGTH + random.nextInt(3 * HUGE_MIN_LENGTH);
                StringBuilder sb = new StringBuilder(length).append(line).append(", ");
                while (sb.length() < length) {
                    sb.append((char) ('a' + random.nextInt(26)));
                }
                yield sb.toString();
            }
        };
    }

    /** A garbage line of a random kind. */
    public static String make(String line, SplittableRandom random) {
        Kind[] kinds = Kind.values();
        return make(kinds[random.nextInt(kinds.length)], line, random);
    }
}
