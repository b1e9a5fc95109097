package org.movierec.contracts.events;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random valid events and lines for the tests, within {@link MovielogParserConfig#DEFAULT} (ratings 1..5). */
final class MovielogSamples {

    private static final String SLUG_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789" + MovieIdCharset.DEFAULT_PUNCTUATION;
    private static final String[] WORDS = {"padre", "nuestro", "the", "lord", "of", "rings", "return", "king", "amelie",
        "star", "wars", "episode", "v", "harry", "potter", "and", "deathly", "hallows", "part", "2", "o'brien", "x-men",
        "mission:impossible", "fast&furious", "airplane!", "dr.", "no_name"};
    private static final String[] SERVERS = {"17645-team01.isri.cmu.edu:8082", "localhost:8080", "10.0.0.7:8082",
        "http://recsys.internal/recommend", "a"};
    private static final String[] ERRORS = {"java.net.ConnectException: Connection refused",
        "java.net.SocketTimeoutException: Read timed out", "", "Internal Server Error, retry later",
        "déjà vu: «erreur», 5 ms", "x, 5 ms"};

    private final Random random;

    MovielogSamples(Random random) {
        this.random = random;
    }

    /** A random event of any of the four kinds. */
    MovieEvent event() {
        LocalDateTime time = time();
        long user = userId();
        return switch (random.nextInt(4)) {
            case 0 -> new WatchEvent(time, user, movieId(), random.nextInt(4) == 0 ? random.nextInt(100_001) : random.nextInt(200));
            case 1 -> new RateEvent(time, user, movieId(), 1 + random.nextInt(5));
            case 2 -> new CreateAccountEvent(time, user);
            default -> recommendation(time, user);
        };
    }

    RecommendationRequestEvent recommendation(LocalDateTime time, long user) {
        String server = SERVERS[random.nextInt(SERVERS.length)];
        int latency = random.nextInt(10) == 0 ? random.nextInt(1_000_000_000) : random.nextInt(2000);
        if (random.nextInt(5) == 0) {
            int status = new int[] {0, 0, 404, 500, 503, 302}[random.nextInt(6)];
            return RecommendationRequestEvent.failure(time, user, server, status, ERRORS[random.nextInt(ERRORS.length)], latency);
        }
        List<String> results = new ArrayList<>();
        int n = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(20);
        for (int k = 0; k < n; k++) {
            results.add(movieId());
        }
        return RecommendationRequestEvent.success(time, user, server, 200 + random.nextInt(3), results, latency);
    }

    /** A valid time in 1900..2100 with 0, 1..9 fraction digits. */
    LocalDateTime time() {
        int year = 1900 + random.nextInt(201);
        int month = 1 + random.nextInt(12);
        int day = 1 + random.nextInt(YearMonth.of(year, month).lengthOfMonth());
        int nano = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
        return LocalDateTime.of(year, month, day, random.nextInt(24), random.nextInt(60), random.nextInt(60), nano);
    }

    /** A positive user id of 1 to 18 digits, mostly small. */
    long userId() {
        if (random.nextInt(10) == 0) {
            return 1 + (random.nextLong() & Long.MAX_VALUE) % 999_999_999_999_999_999L;
        }
        return 1 + random.nextInt(1_000_000);
    }

    /** A MovieLens integer id, a slug of words and a year, or random slug characters. */
    String movieId() {
        switch (random.nextInt(3)) {
            case 0:
                return Integer.toString(1 + random.nextInt(200_000));
            case 1:
                StringBuilder slug = new StringBuilder();
                int words = 1 + random.nextInt(6);
                for (int k = 0; k < words; k++) {
                    slug.append(WORDS[random.nextInt(WORDS.length)]).append('+');
                }
                return slug.append(1920 + random.nextInt(106)).toString();
            default:
                int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 256 : 30);
                StringBuilder id = new StringBuilder(length);
                for (int k = 0; k < length; k++) {
                    id.append(SLUG_CHARS.charAt(random.nextInt(SLUG_CHARS.length())));
                }
                return id.toString();
        }
    }
}
