package org.movierec.telemetry.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.movierec.contracts.events.ServedEvent;

/**
 * The records of one database transaction: the events they hold, column by column (times as microseconds since
 * the epoch, UTC), their dead letters, and the position after the last record of each partition. Built by one
 * thread, written once; never shared.
 */
public final class Batch {

    /** Event type tags of {@code telemetry.events}. */
    public static final String WATCH = "watch";
    public static final String RATE = "rate";
    public static final String RECOMMENDATION_REQUEST = "recommendation_request";
    public static final String CREATE_ACCOUNT = "create_account";
    public static final String SERVED = "served";

    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private final Map<String, Map<String, Long>> rejected = new HashMap<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final long createdNanos = System.nanoTime();
    private int records;

    /** Watches, columnar (the bulk of a stream). */
    final Watches watches = new Watches();
    /** Ratings. */
    final Ratings ratings = new Ratings();
    final List<RequestRow> requests = new ArrayList<>();
    final List<AccountRow> accounts = new ArrayList<>();
    final List<ServedRow> served = new ArrayList<>();

    /** Records that were read into this batch. */
    public int records() {
        return records;
    }

    public boolean isEmpty() {
        return records == 0;
    }

    /** Nanoseconds ({@link System#nanoTime()}) when the batch was started. */
    public long createdNanos() {
        return createdNanos;
    }

    /** Notes that {@code count} records of {@code partition}, up to the one at {@code lastOffset}, are in this batch. */
    void consumed(TopicPartition partition, long lastOffset, int count) {
        records += count;
        nextOffsets.merge(partition, lastOffset + 1, Math::max);
    }

    void rejected(DeadLetter letter) {
        deadLetters.add(letter);
        rejected.computeIfAbsent(letter.sourceTopic(), t -> new LinkedHashMap<>()).merge(letter.reason(), 1L, Long::sum);
    }

    /** The position to store per partition: the offset after the last record read. */
    public Map<TopicPartition, Long> nextOffsets() {
        return nextOffsets;
    }

    /** Valid events per type tag (the types seen): the rows of each kind, one per event. */
    public Map<String, Long> events() {
        Map<String, Long> events = new HashMap<>();
        putIfAny(events, WATCH, watches.size());
        putIfAny(events, RATE, ratings.size());
        putIfAny(events, RECOMMENDATION_REQUEST, requests.size());
        putIfAny(events, CREATE_ACCOUNT, accounts.size());
        putIfAny(events, SERVED, served.size());
        return events;
    }

    private static void putIfAny(Map<String, Long> events, String type, int rows) {
        if (rows > 0) {
            events.put(type, (long) rows);
        }
    }

    /** Rejections per source topic and reason. */
    public Map<String, Map<String, Long>> rejectedCounts() {
        return rejected;
    }

    public List<DeadLetter> deadLetters() {
        return deadLetters;
    }

    public Watches watches() {
        return watches;
    }

    public Ratings ratings() {
        return ratings;
    }

    public List<RequestRow> requests() {
        return requests;
    }

    public List<AccountRow> accounts() {
        return accounts;
    }

    public List<ServedRow> served() {
        return served;
    }

    /**
     * Events of one user on one movie at a time with one int each (a watched minute, a rating), as
     * parallel arrays that grow by doubling.
     */
    public abstract static class UserMovieEvents {
        private int size;
        private long[] users;
        private String[] movies;
        private long[] micros;
        private int[] values;

        UserMovieEvents(int capacity) {
            users = new long[capacity];
            movies = new String[capacity];
            micros = new long[capacity];
            values = new int[capacity];
        }

        void add(long user, String movie, long timeMicros, int value) {
            if (size == users.length) {
                int n = size * 2;
                users = Arrays.copyOf(users, n);
                movies = Arrays.copyOf(movies, n);
                micros = Arrays.copyOf(micros, n);
                values = Arrays.copyOf(values, n);
            }
            users[size] = user;
            movies[size] = movie;
            micros[size] = timeMicros;
            values[size] = value;
            size++;
        }

        public int size() {
            return size;
        }

        public long user(int k) {
            return users[k];
        }

        public String movie(int k) {
            return movies[k];
        }

        int value(int k) {
            return values[k];
        }

        public long[] users() {
            return Arrays.copyOf(users, size);
        }

        public String[] movies() {
            return Arrays.copyOf(movies, size);
        }

        public long[] micros() {
            return Arrays.copyOf(micros, size);
        }

        int[] values() {
            return Arrays.copyOf(values, size);
        }
    }

    /** Watch events: the int is the watched minute. */
    public static final class Watches extends UserMovieEvents {
        Watches() {
            super(1024);
        }

        public int[] minutes() {
            return values();
        }
    }

    /** Rating events: the int is the rating. */
    public static final class Ratings extends UserMovieEvents {
        Ratings() {
            super(256);
        }

        public int rating(int k) {
            return value(k);
        }

        public int[] ratings() {
            return values();
        }
    }

    /** A {@code recommendation request} line: results joined with commas (a movie id never holds one). */
    public record RequestRow(long micros, long userId, String server, int status, String results, int latencyMs,
            String error, long lineHash) {
    }

    /** A {@code create_account} line. */
    public record AccountRow(long micros, long userId) {
    }

    /**
     * A served event as it is stored: its time in microseconds and its items joined with commas (validated movie
     * ids). The event itself (its list of items) is not kept: a batch holds its rows for a second or two, and the
     * items as one string are a fraction of the list's objects for the collector's garbage collector to copy.
     */
    public record ServedRow(long micros, String requestId, long userId, String experiment, String arm,
            String modelVersion, String items, double latencyMs, int status, boolean fallback) {

        /** The row of {@code event}, served at {@code micros}. */
        static ServedRow of(long micros, ServedEvent event) {
            return new ServedRow(micros, event.requestId(), event.userId(), event.experiment(), event.arm(),
                    event.modelVersion(), String.join(",", event.items()), event.latencyMs(), event.status(),
                    event.fallback());
        }
    }
}
