package org.movierec.simulator.bootstrap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a bootstrap wrote.
 *
 * @param lines      lines written (watches, ratings, account creations)
 * @param ratings    ratings written
 * @param users      distinct users with sessions (rated or only watched)
 * @param movies     distinct movies rated
 * @param from       time of the first line (ISO local time, UTC)
 * @param to         time of the last line
 * @param seconds    how long writing took, flush included
 */
public record BootstrapSummary(long lines, long ratings, long users, long movies, String from, String to, double seconds) {

    /** The figures as JSON fields, in this order: lines, ratings, users, movies, from, to, seconds. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lines", lines);
        m.put("ratings", ratings);
        m.put("users", users);
        m.put("movies", movies);
        m.put("from", from);
        m.put("to", to);
        m.put("seconds", seconds);
        return m;
    }

    /** Reads the fields {@link #toMap()} writes. */
    static BootstrapSummary fromMap(Map<String, Object> m) {
        return new BootstrapSummary(number(m, "lines").longValue(), number(m, "ratings").longValue(),
                number(m, "users").longValue(), number(m, "movies").longValue(), text(m, "from"), text(m, "to"),
                number(m, "seconds").doubleValue());
    }

    private static Number number(Map<String, Object> m, String field) {
        if (!(m.get(field) instanceof Number n)) {
            throw new IllegalArgumentException("field \"" + field + "\" is missing or not a number");
        }
        return n;
    }

    private static String text(Map<String, Object> m, String field) {
        if (!(m.get(field) instanceof String s)) {
            throw new IllegalArgumentException("field \"" + field + "\" is missing or not a string");
        }
        return s;
    }
}
