package org.movierec.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.movierec.core.data.RatingScale;

/**
 * Generated garbage: the parser never throws, and always answers {@code Ok} (whose event then
 * writes a line that parses back to it) or {@code Rejected} with a known, non-empty reason and a
 * short detail. Well over 100,000 cases, deterministic (fixed seeds).
 */
class MovielogGarbageTest {

    /** Characters that a mutation puts in: the grammar's own, and the ones real garbage holds. */
    private static final String NASTY = "0123456789,,, /=.:-+T msmpgGET_\r\n\t\u0000\u007f\u00e9\u00ff\ufffd\ud800\udc00\u2028\uffff\u0662Z\"\\%";
    private static final String[] SEPARATORS = {",", ", ", "/", "=", ":", ".", " ", "-", "T"};

    private final Random random = new Random(4242);
    private final MovielogSamples samples = new MovielogSamples(new Random(17));
    private final MovielogParser standard = new MovielogParser();
    /** Newer streams' ratings, and a small result limit. */
    private final MovielogParser tenScale = new MovielogParser(MovielogParserConfig.DEFAULT.withRatingScale(new RatingScale(1, 10)).withMaxResults(10));
    private final MovielogParser unlimited = new MovielogParser(MovielogParserConfig.DEFAULT.withMaxLineLength(Integer.MAX_VALUE)
            .withMaxMovieIdLength(Integer.MAX_VALUE).withMaxResults(Integer.MAX_VALUE).withMaxMinute(Integer.MAX_VALUE));
    /** Valid lines of every kind to cut, mutate and recombine. */
    private final String[] lines = new String[2_000];
    /** The pieces of those lines, split after each separator. */
    private final List<String> pieces = new ArrayList<>();
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private int cases;

    @Test
    void theParserSurvivesGeneratedGarbage() {
        for (int k = 0; k < lines.length; k++) {
            lines[k] = samples.event().toLine();
            int start = 0;
            for (int at = 0; at < lines[k].length(); at++) {
                if (",/= ".indexOf(lines[k].charAt(at)) >= 0) {
                    pieces.add(lines[k].substring(start, at + 1));
                    start = at + 1;
                }
            }
            pieces.add(lines[k].substring(start));
        }
        for (int k = 0; k < 20_000; k++) {
            randomBytes();
        }
        for (int k = 0; k < 15_000; k++) {
            validPrefixThenRandomText();
        }
        for (int k = 0; k < 15_000; k++) {
            truncation();
        }
        for (int k = 0; k < 35_000; k++) {
            mutation();
        }
        for (int k = 0; k < 10_000; k++) {
            duplicatedSeparator();
        }
        for (int k = 0; k < 10_000; k++) {
            shuffledPieces();
        }
        for (int k = 0; k < 40; k++) {
            hugeLine();
        }
        assertThat(cases).isGreaterThanOrEqualTo(100_000);
        assertThat(outcomes).as(outcomes.toString()).containsKey("ok").doesNotContainKey(RejectReason.INTERNAL_ERROR);
        assertThat(outcomes.keySet()).as(outcomes.toString())
                .containsAll(RejectReason.ALL.stream().filter(r -> !r.equals(RejectReason.INTERNAL_ERROR)).toList());
    }

    private void randomBytes() {
        byte[] bytes = new byte[random.nextInt(random.nextBoolean() ? 40 : 400)];
        random.nextBytes(bytes);
        check(standard, new String(bytes, StandardCharsets.UTF_8));
        check(unlimited, new String(bytes, StandardCharsets.ISO_8859_1));
        check(tenScale, new String(bytes, StandardCharsets.UTF_16LE));
    }

    /** A valid start (time, user, maybe a verb) so that the garbage reaches the later fields. */
    private void validPrefixThenRandomText() {
        String line = validLine();
        String prefix = line.substring(0, random.nextInt(line.length() + 1));
        StringBuilder sb = new StringBuilder(prefix);
        int n = random.nextInt(30);
        for (int k = 0; k < n; k++) {
            sb.append(random.nextInt(3) == 0 ? (char) random.nextInt(0x10000) : NASTY.charAt(random.nextInt(NASTY.length())));
        }
        check(parser(), sb.toString());
    }

    private void truncation() {
        String line = validLine();
        check(parser(), line.substring(0, random.nextInt(line.length() + 1)));
        check(parser(), line.substring(random.nextInt(line.length() + 1)));
    }

    /** One to six random replacements, insertions, deletions and swaps. */
    private void mutation() {
        StringBuilder sb = new StringBuilder(validLine());
        int edits = 1 + random.nextInt(random.nextBoolean() ? 1 : 6);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(sb.length() + 1);
            char c = random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : NASTY.charAt(random.nextInt(NASTY.length()));
            switch (random.nextInt(5)) {
                case 0 -> sb.insert(at, c);
                case 1 -> {
                    if (at < sb.length()) {
                        sb.setCharAt(at, c);
                    }
                }
                case 2 -> {
                    if (at < sb.length()) {
                        sb.deleteCharAt(at);
                    }
                }
                case 3 -> {
                    int length = Math.min(1 + random.nextInt(8), sb.length() - at);
                    sb.delete(at, at + length);
                }
                default -> {
                    if (at + 1 < sb.length()) {
                        char first = sb.charAt(at);
                        sb.setCharAt(at, sb.charAt(at + 1));
                        sb.setCharAt(at + 1, first);
                    }
                }
            }
        }
        check(parser(), sb.toString());
    }

    private void duplicatedSeparator() {
        String line = validLine();
        String separator = SEPARATORS[random.nextInt(SEPARATORS.length)];
        int at = line.indexOf(separator, random.nextInt(line.length()));
        if (at < 0) {
            at = line.indexOf(separator);
        }
        if (at < 0) {
            check(parser(), line + separator);
            return;
        }
        int times = 2 + random.nextInt(3);
        check(parser(), line.substring(0, at) + separator.repeat(times) + line.substring(at + separator.length()));
    }

    /** Fields of different valid lines glued together. */
    private void shuffledPieces() {
        StringBuilder sb = new StringBuilder();
        int count = 1 + random.nextInt(6);
        for (int k = 0; k < count; k++) {
            sb.append(pieces.get(random.nextInt(pieces.size())));
        }
        check(parser(), sb.toString());
    }

    /** Lines far over the default limit, each also read by a parser without limits. */
    private void hugeLine() {
        int size = 5_000 + random.nextInt(60_000);
        String prefix = "2025-10-17T01:38:54,42,";
        String line = switch (random.nextInt(9)) {
            case 0 -> prefix + "GET /data/m/" + "a".repeat(size) + "/1.mpg";
            case 1 -> prefix + "GET /rate/m=" + "9".repeat(size);
            case 2 -> prefix + "recommendation request h:1, status 200, result: " + "a, ".repeat(size / 3) + "5 ms";
            case 3 -> prefix + "recommendation request h:1, status 0, result: " + "x".repeat(size) + ", 5 ms";
            case 4 -> "2025-10-17T01:38:54." + "1".repeat(size) + ",42,GET /create_account";
            case 5 -> "2025-10-17T01:38:54," + "4".repeat(size) + ",GET /create_account";
            case 6 -> prefix + "recommendation request h:1, status 200, result: a, " + "5".repeat(size) + " ms";
            case 7 -> prefix + "GET /data/m/m/" + "1".repeat(size) + ".mpg";
            default -> prefix + ",".repeat(size);
        };
        check(standard, line);
        check(unlimited, line);
    }

    private String validLine() {
        return lines[random.nextInt(lines.length)];
    }

    private MovielogParser parser() {
        int pick = random.nextInt(4);
        return pick == 0 ? tenScale : pick == 1 ? unlimited : standard;
    }

    private void check(MovielogParser parser, String line) {
        ParseResult result;
        try {
            result = parser.parse(line);
        } catch (Throwable t) {
            throw new AssertionError("parser threw on " + Snippet.quote(line, 0, line.length()), t);
        }
        cases++;
        if (result instanceof ParseResult.Ok ok) {
            ParseResult again = parser.parse(ok.event().toLine());
            if (!ok.equals(again)) {
                throw new AssertionError("accepted " + Snippet.quote(line, 0, line.length()) + " as " + ok.event()
                        + " but its canonical line gives " + again);
            }
            outcomes.merge("ok", 1, Integer::sum);
        } else if (result instanceof ParseResult.Rejected rejected) {
            if (!RejectReason.ALL.contains(rejected.reason()) || rejected.detail().isEmpty() || rejected.detail().length() > 400) {
                throw new AssertionError("bad rejection " + rejected + " of " + Snippet.quote(line, 0, line.length()));
            }
            outcomes.merge(rejected.reason(), 1, Integer::sum);
        } else {
            throw new AssertionError("no result for " + Snippet.quote(line, 0, line.length()));
        }
    }
}
