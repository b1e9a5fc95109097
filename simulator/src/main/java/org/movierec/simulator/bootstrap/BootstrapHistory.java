package org.movierec.simulator.bootstrap;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.movierec.core.data.RatingScale;
import org.movierec.core.data.Ratings;
import org.movierec.contracts.events.CreateAccountEvent;
import org.movierec.contracts.events.MovieEvent;
import org.movierec.contracts.events.RateEvent;
import org.movierec.contracts.events.WatchEvent;
import org.movierec.core.generate.GeneratorConfig;
import org.movierec.simulator.catalog.World;
import org.movierec.simulator.movielog.LineKind;
import org.movierec.simulator.movielog.LineSink;

/**
 * Writes the world's sampled ratings (the generator's, with its popularity and activity skews) as
 * weeks of past {@code movielog} lines ending at a given time, in time order: before each rating a
 * few watch lines of the movie (one a minute, more for higher ratings: 1 + 4·(r − min)/(max − min)),
 * and a {@code GET /create_account} line shortly before the first line of every user who joined
 * after the first day. A user who never rates ({@link World#rates}) has the watch lines of each session and no
 * rating. Lines are merged through a small heap, so memory stays proportional to the
 * ratings, not the lines. No faults are injected here.
 */
public final class BootstrapHistory {

    private BootstrapHistory() {
    }

    /** Writes the history of {@code world} ending at {@code end} (UTC, whole seconds) to {@code sink}. */
    public static BootstrapSummary write(World world, LocalDateTime end, LineSink sink) {
        long startNanos = System.nanoTime();
        Ratings ratings = world.data().ratings();
        RatingScale scale = world.scale();
        int days = world.spec().days();
        long endEpoch = end.toEpochSecond(ZoneOffset.UTC);
        long windowStart = endEpoch - days * 86_400L;
        long shift = windowStart - GeneratorConfig.DEFAULT_START;
        int n = ratings.size();
        SplittableRandom random = new SplittableRandom(world.spec().seed() ^ 0xB0075L);

        // Each rating is a session: watch minutes, then the rating. Order sessions by their start.
        long[] sessionStart = new long[n];
        int[] minutes = new int[n];
        long[] keys = new long[n];
        long[] firstSeen = new long[world.userCount()];
        Arrays.fill(firstSeen, Long.MAX_VALUE);
        for (int row = 0; row < n; row++) {
            long rated = ratings.time(row) + shift;
            minutes[row] = 1 + (int) Math.round(4 * (ratings.value(row) - scale.min()) / (scale.max() - scale.min()));
            sessionStart[row] = Math.max(windowStart, rated - minutes[row] * 60L - 5 - random.nextInt(55));
            keys[row] = (sessionStart[row] - windowStart) << 24 | row;
            int user = ratings.user(row);
            firstSeen[user] = Math.min(firstSeen[user], sessionStart[row]);
        }
        Arrays.sort(keys);

        PriorityQueue<Pending> pending = new PriorityQueue<>();
        long seq = 0;
        for (int user = 0; user < firstSeen.length; user++) {
            if (firstSeen[user] != Long.MAX_VALUE && firstSeen[user] > windowStart + 86_400L) {
                long at = firstSeen[user] - 60 - random.nextInt(30 * 60);
                pending.add(new Pending(at, seq++, new CreateAccountEvent(time(at), world.userId(user)), LineKind.ACCOUNT));
            }
        }

        long lines = 0;
        int rates = 0;
        boolean[] userSeen = new boolean[world.userCount()];
        boolean[] movieSeen = new boolean[world.movieCount()];
        long users = 0;
        long movies = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int k = 0; k <= n; k++) {
            long next = k < n ? (keys[k] >>> 24) + windowStart : Long.MAX_VALUE;
            while (!pending.isEmpty() && pending.peek().epochSecond() <= next) {
                Pending p = pending.poll();
                sink.write(p.event().userId(), p.event().toLine(), p.kind());
                lines++;
                first = Math.min(first, p.epochSecond());
                last = Math.max(last, p.epochSecond());
            }
            if (k == n) {
                break;
            }
            int row = (int) (keys[k] & 0xFF_FFFF);
            int user = ratings.user(row);
            int movie = ratings.item(row);
            long userId = world.userId(user);
            String movieId = world.movie(movie).id();
            long at = sessionStart[row];
            for (int minute = 0; minute < minutes[row]; minute++) {
                pending.add(new Pending(at + minute * 60L, seq++, new WatchEvent(time(at + minute * 60L), userId, movieId, minute),
                        LineKind.WATCH));
            }
            if (world.rates(user)) {
                long rated = ratings.time(row) + shift;
                pending.add(new Pending(rated, seq++, new RateEvent(time(rated), userId, movieId, (int) ratings.value(row)),
                        LineKind.RATE));
                rates++;
            }
            if (!userSeen[user]) {
                userSeen[user] = true;
                users++;
            }
            if (!movieSeen[movie]) {
                movieSeen[movie] = true;
                movies++;
            }
        }
        return new BootstrapSummary(lines, rates, users, movies, format(first), format(last),
                (System.nanoTime() - startNanos) / 1e9);
    }

    private static String format(long epochSecond) {
        return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time(epochSecond));
    }

    private static LocalDateTime time(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    }

    /** A line waiting for its turn, ordered by time, then by when it was queued. */
    private record Pending(long epochSecond, long seq, MovieEvent event, LineKind kind) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(epochSecond, o.epochSecond);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
