package org.movierec.telemetry.drill;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.movierec.contracts.events.CreateAccountEvent;
import org.movierec.contracts.events.RateEvent;
import org.movierec.contracts.events.RecommendationRequestEvent;
import org.movierec.contracts.events.ServedEvent;
import org.movierec.contracts.events.WatchEvent;

/**
 * A synthetic stream with the shape of a real one, and the exact counts PostgreSQL must end with: many users
 * streaming movies minute by minute (most lines), some ratings, recommendation requests (each also served on
 * {@code recsys.served}), account creations, and garbage lines. Every valid line is a distinct event, so a lost
 * line shows as a missing row or minute, and since dead-letter counts are increments, a repeated batch shows as a
 * count too high.
 */
public final class StreamGenerator {

    /** One record to send. */
    public record Item(String topic, byte[] key, byte[] value) {
    }

    private static final LocalDateTime START = LocalDateTime.parse("2025-10-17T00:00:00");
    private static final String[] GARBAGE = {
        "2025-10-17T01:00:00,12,GET /rate/m1=11", "2025-10-17T01:00:00,12,GET /rate/", "garbage",
        "2025-10-17T01:00:00,12,DELETE /data/m/m1/1.mpg", "2025-10-17T25:00:00,12,GET /create_account", ""};

    private final SplittableRandom random;
    private final String modelVersion;
    private final int users;
    private final int activeSessions;
    private final long[] sessionId;
    private final int[] sessionMinute;
    private final int[] sessionLength;
    private long nextSession;
    private long seq;

    public long watches;
    public long ratings;
    public long requests;
    public long accounts;
    public long served;
    public long garbage;

    /**
     * @param modelVersion the version served events name (a registered one gives real online predictions)
     */
    public StreamGenerator(long seed, int users, int activeSessions, String modelVersion) {
        this.random = new SplittableRandom(seed);
        this.modelVersion = modelVersion;
        this.users = users;
        this.activeSessions = activeSessions;
        this.sessionId = new long[activeSessions];
        this.sessionMinute = new int[activeSessions];
        this.sessionLength = new int[activeSessions];
        for (int k = 0; k < activeSessions; k++) {
            newSession(k);
        }
    }

    private void newSession(int slot) {
        sessionId[slot] = nextSession++;
        sessionMinute[slot] = 0;
        sessionLength[slot] = 60 + random.nextInt(120);
    }

    /** A session is a distinct (user, movie) pair: the minutes of all sessions are distinct events. */
    private long userOf(long session) {
        return session % users + 1;
    }

    private String movieOf(long session) {
        return "movie+" + session / users + "+" + (1950 + session % 70);
    }

    /** Records ({@code movielog}, and for a recommendation request also its {@code recsys.served} event). */
    public List<Item> next() {
        long n = seq++;
        LocalDateTime time = START.plusNanos(n * 10_000L); // 10 µs apart: every line has its own time
        int dice = random.nextInt(1000);
        List<Item> out = new ArrayList<>(2);
        if (dice < 850) {
            int slot = random.nextInt(activeSessions);
            long s = sessionId[slot];
            out.add(line(userOf(s), new WatchEvent(time, userOf(s), movieOf(s), sessionMinute[slot]).toLine()));
            watches++;
            if (++sessionMinute[slot] >= sessionLength[slot]) {
                newSession(slot);
            }
        } else if (dice < 900) {
            long user = 1 + random.nextInt(users);
            out.add(line(user, new RateEvent(time, user, "movie+" + random.nextInt(27_000) + "+2001", 1 + random.nextInt(5)).toLine()));
            ratings++;
        } else if (dice < 980) {
            long user = 1 + random.nextInt(users);
            List<String> items = new ArrayList<>(20);
            for (int k = 0; k < 20; k++) {
                items.add("movie+" + random.nextInt(27_000) + "+2001");
            }
            out.add(line(user, RecommendationRequestEvent.success(time, user, "inference:8081", 200, items, 3).toLine()));
            requests++;
            Instant at = time.toInstant(ZoneOffset.UTC);
            ServedEvent e = new ServedEvent(at, "r-" + n, user, "exp-bench", (user & 1) == 0 ? "a" : "b", modelVersion,
                    items, 2.5, 200, false);
            out.add(new Item("recsys.served", Long.toString(user).getBytes(), e.toJson().getBytes()));
            served++;
        } else if (dice < 990) {
            long user = users + 1 + n; // a new account
            out.add(line(user, new CreateAccountEvent(time, user).toLine()));
            accounts++;
        } else {
            out.add(new Item("movielog", null, GARBAGE[random.nextInt(GARBAGE.length)].getBytes()));
            garbage++;
        }
        return out;
    }

    private static Item line(long user, String line) {
        return new Item("movielog", Long.toString(user).getBytes(), line.getBytes());
    }

    /** Records generated so far (both topics). */
    public long records() {
        return watches + ratings + requests + accounts + served + garbage;
    }
}
