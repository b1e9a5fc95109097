package org.movierec.telemetry.store;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A batch's watches folded per user and movie in the collector (so PostgreSQL, the busier process, only merges):
 * first and last time, the distinct minutes as an {@code int4multirange} literal, their number, the largest.
 * Sessions are ordered by user and movie, so concurrent writers lock rows in the same order.
 *
 * <p>In PostgreSQL a union of multiranges keeps the distinct minutes (a repeated or replayed minute changes
 * nothing); the stored count is the old one plus the new one when they do not overlap (the usual case: cheap
 * operators only) and is recounted only when they do.
 */
record WatchSessions(long[] users, String[] movies, long[] first, long[] last, String[] minutes, int[] counts,
        int[] maxMinutes) {

    private record Key(long user, String movie) {
    }

    private static final class Session {
        final long user;
        final String movie;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int[] minutes = new int[4];
        int size;

        Session(long user, String movie) {
            this.user = user;
            this.movie = movie;
        }

        void add(long time, int minute) {
            first = Math.min(first, time);
            last = Math.max(last, time);
            if (size == minutes.length) {
                minutes = Arrays.copyOf(minutes, size * 2);
            }
            minutes[size++] = minute;
        }
    }

    static WatchSessions of(long[] u, String[] m, long[] t, int[] minute) {
        Map<Key, Session> byKey = new HashMap<>(u.length * 2);
        for (int k = 0; k < u.length; k++) {
            long user = u[k];
            String movie = m[k];
            byKey.computeIfAbsent(new Key(user, movie), key -> new Session(user, movie)).add(t[k], minute[k]);
        }
        Session[] sessions = byKey.values().toArray(new Session[0]);
        Arrays.sort(sessions, (a, b) -> a.user != b.user ? Long.compare(a.user, b.user) : a.movie.compareTo(b.movie));
        int n = sessions.length;
        WatchSessions w = new WatchSessions(new long[n], new String[n], new long[n], new long[n], new String[n],
                new int[n], new int[n]);
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            Session s = sessions[k];
            w.users[k] = s.user;
            w.movies[k] = s.movie;
            w.first[k] = s.first;
            w.last[k] = s.last;
            int[] sorted = Arrays.copyOf(s.minutes, s.size);
            Arrays.sort(sorted);
            sb.setLength(0);
            sb.append('{');
            int distinct = 0;
            int k2 = 0;
            while (k2 < sorted.length) {
                int lo = sorted[k2];
                int hi = lo;
                while (k2 < sorted.length && sorted[k2] <= hi + 1) {
                    if (sorted[k2] == hi + 1) {
                        hi++;
                    }
                    k2++;
                }
                distinct += hi - lo + 1;
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append('[').append(lo).append(',').append(hi + 1).append(')');
            }
            w.minutes[k] = sb.append('}').toString();
            w.counts[k] = distinct;
            w.maxMinutes[k] = sorted[sorted.length - 1];
        }
        return w;
    }
}
