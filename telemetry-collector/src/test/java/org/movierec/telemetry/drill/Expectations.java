package org.movierec.telemetry.drill;

import static org.movierec.telemetry.TestSupport.longOf;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

/** What PostgreSQL must hold after a {@link StreamGenerator}'s records, compared with what it holds. */
public final class Expectations {

    private Expectations() {
    }

    /** Expected and actual counts, by name. */
    public static Map<String, long[]> compare(Connection db, StreamGenerator g) {
        Map<String, long[]> c = new LinkedHashMap<>();
        c.put("watch minutes", new long[] {g.watches, longOf(db, "SELECT coalesce(sum(minutes_watched), 0) FROM watch_sessions")});
        c.put("rating history", new long[] {g.ratings, longOf(db, "SELECT count(*) FROM rating_history")});
        c.put("online predictions", new long[] {g.ratings, longOf(db, "SELECT count(*) FROM online_predictions")});
        c.put("recommendation requests", new long[] {g.requests, longOf(db, "SELECT count(*) FROM recommendation_requests")});
        c.put("accounts", new long[] {g.accounts, longOf(db, "SELECT count(*) FROM accounts")});
        c.put("served", new long[] {g.served, longOf(db, "SELECT count(*) FROM served_recommendations")});
        c.put("dead letters (counted, not deduplicated)",
                new long[] {g.garbage, longOf(db, "SELECT coalesce(sum(count), 0) FROM dead_letter_counts")});
        return c;
    }

    /** Whether every count is as expected. */
    public static boolean exact(Map<String, long[]> comparison) {
        return comparison.values().stream().allMatch(v -> v[0] == v[1]);
    }

    public static String describe(Map<String, long[]> comparison) {
        StringBuilder sb = new StringBuilder();
        comparison.forEach((k, v) -> sb.append(String.format("  %-42s expected %,12d  stored %,12d%s%n", k, v[0], v[1],
                v[0] == v[1] ? "" : "  <-- MISMATCH")));
        return sb.toString();
    }
}
