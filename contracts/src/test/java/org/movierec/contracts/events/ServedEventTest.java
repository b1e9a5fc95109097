package org.movierec.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ServedEventTest {

    private static final Instant TIME = Instant.parse("2025-10-17T01:38:54.122692921Z");

    private static ServedEvent sample() {
        return new ServedEvent(TIME, "r-1", 42, "exp-7", "b", "v12", List.of("padre+nuestro+2007", "1682"), 3.25, 200, false);
    }

    @Test
    void writesTheDocumentedFieldsInOrder() {
        assertThat(sample().toJson()).isEqualTo("{\"time\":\"2025-10-17T01:38:54.122692921Z\",\"requestId\":\"r-1\","
                + "\"userId\":42,\"experiment\":\"exp-7\",\"arm\":\"b\",\"modelVersion\":\"v12\","
                + "\"items\":[\"padre+nuestro+2007\",\"1682\"],\"latencyMs\":3.25,\"status\":200,\"fallback\":false}");
    }

    /**
     * The bytes the hand-written writer produced before Jackson: control characters without a short escape in
     * lower-case hex, non-ASCII as it is, whole latencies below 10^15 without an exponent.
     */
    @Test
    void writesEscapesAndNumbersAsTheTopicAlwaysCarriedThem() {
        ServedEvent odd = new ServedEvent(Instant.EPOCH, "a\u001f\u000b\u0000\n\t\b\f\r\"\\/\u00e9\u2028\uD83C\uDFAC", 1,
                null, null, null, List.of(), 12_345_678, 200, false);
        assertThat(odd.toJson()).isEqualTo("{\"time\":\"1970-01-01T00:00:00Z\","
                + "\"requestId\":\"a\\u001f\\u000b\\u0000\\n\\t\\b\\f\\r\\\"\\\\/\u00e9\u2028\uD83C\uDFAC\","
                + "\"userId\":1,\"experiment\":null,\"arm\":null,\"modelVersion\":null,\"items\":[],"
                + "\"latencyMs\":12345678.0,\"status\":200,\"fallback\":false}");
        assertThat(new ServedEvent(Instant.EPOCH, "r", 1, null, null, null, List.of(), 1e15, 200, false).toJson())
                .contains("\"latencyMs\":1.0E15,");
        assertThat(new ServedEvent(Instant.EPOCH, "r", 1, null, null, null, List.of(), 0.1, 200, false).toJson())
                .contains("\"latencyMs\":0.1,");
        assertThat(new ServedEvent(Instant.EPOCH, "r", 1, null, null, null, List.of(), 1e-7, 200, false).toJson())
                .contains("\"latencyMs\":1.0E-7,");
    }

    @Test
    void roundTripsWithNullsAndAnEmptyList() {
        ServedEvent fallback = new ServedEvent(Instant.EPOCH, "r-2", 7, null, null, null, List.of(), 0.0, 200, true);
        assertThat(fallback.toJson()).contains("\"experiment\":null,\"arm\":null,\"modelVersion\":null,\"items\":[]");
        assertThat(ServedEvent.fromJson(fallback.toJson())).isEqualTo(fallback);
    }

    @Test
    void roundTripsUnicodeQuotesAndEscapesInStrings() {
        ServedEvent odd = new ServedEvent(TIME, "r\"\\/\n\t\u0000\u2028", 999_999_999_999_999_999L, "exp \u00e9t\u00e9 \uD83C\uDFAC",
                "arm \"b\"", "v\u0001", List.of("am\u00e9lie+2001", "\"quoted\"", "back\\slash", "\uD83D\uDE00", ""),
                1e-7, 503, true);
        assertThat(ServedEvent.fromJson(odd.toJson())).isEqualTo(odd);
    }

    @Test
    void roundTripsRandomEvents() {
        Random random = new Random(3);
        for (int k = 0; k < 2_000; k++) {
            List<String> items = new ArrayList<>();
            for (int n = random.nextInt(21); n > 0; n--) {
                items.add(randomString(random));
            }
            ServedEvent e = new ServedEvent(Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000)),
                    randomString(random), 1 + (random.nextLong() & Long.MAX_VALUE) % Long.MAX_VALUE,
                    random.nextBoolean() ? null : randomString(random), random.nextBoolean() ? null : randomString(random),
                    random.nextBoolean() ? null : randomString(random), items,
                    random.nextBoolean() ? random.nextInt(600) : random.nextDouble() * 600, 200 + random.nextInt(400),
                    random.nextBoolean());
            assertThat(ServedEvent.fromJson(e.toJson())).isEqualTo(e);
        }
    }

    private static String randomString(Random random) {
        StringBuilder sb = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) {
            sb.append((char) (random.nextBoolean() ? 0x20 + random.nextInt(95) : random.nextInt(0x10000)));
        }
        return sb.toString();
    }

    @Test
    void readsAbsentOptionalFieldsAsNullAndIgnoresUnknownOnes() {
        ServedEvent e = ServedEvent.fromJson("""
                { "extra": {"nested": [1, 2, {"x": null}]}, "time": "2025-10-17T01:38:54Z", "requestId": "r",
                  "userId": 5, "items": ["a"], "latencyMs": 12, "status": 200.0, "fallback": true, "more": "x" }
                """);
        assertThat(e).isEqualTo(new ServedEvent(Instant.parse("2025-10-17T01:38:54Z"), "r", 5, null, null, null, List.of("a"),
                12.0, 200, true));
    }

    @Test
    void namesTheProblemOfAWrongDocument() {
        String ok = sample().toJson();
        assertProblem(ok.replace("\"time\":\"2025-10-17T01:38:54.122692921Z\",", ""), "missing field \"time\"");
        assertProblem(ok.replace("2025-10-17T01:38:54.122692921Z", "yesterday"), "\"time\" is not an ISO-8601 instant");
        assertProblem(ok.replace("\"userId\":42", "\"userId\":\"42\""), "\"userId\" must be a whole number, got string");
        assertProblem(ok.replace("\"userId\":42", "\"userId\":4.5"), "\"userId\" is not an exact whole number");
        assertProblem(ok.replace("\"userId\":42", "\"userId\":0"), "user id must be positive");
        assertProblem(ok.replace("\"status\":200", "\"status\":1e10"), "\"status\" is not an exact whole number");
        assertProblem(ok.replace("\"items\":[\"padre+nuestro+2007\",\"1682\"]", "\"items\":[1]"), "\"items\" must be an array of strings");
        assertProblem(ok.replace("\"items\":[\"padre+nuestro+2007\",\"1682\"]", "\"items\":null"), "\"items\" must be an array");
        assertProblem(ok.replace("\"latencyMs\":3.25", "\"latencyMs\":-1"), "latency must be finite and not negative");
        assertProblem(ok.replace("\"fallback\":false", "\"fallback\":\"no\""), "\"fallback\" must be a boolean");
        assertProblem(ok.replace("\"arm\":\"b\"", "\"arm\":2"), "\"arm\" must be a string or null");
        assertProblem("[1]", "expected an object, got array");
        assertProblem(ok.substring(0, ok.length() - 1), "unexpected end of input");
        assertProblem(null, "input is null");
    }

    private static void assertProblem(String json, String problem) {
        assertThatThrownBy(() -> ServedEvent.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void mutatedDocumentsOnlyEverFailWithIllegalArgumentException() {
        Random random = new Random(99);
        String[] docs = {sample().toJson(), new ServedEvent(TIME, "r", 1, null, null, null, List.of(), 0, 200, true).toJson()};
        String alphabet = "{}[]\",:0123456789.eE+-tfnulrs \\/u\u00e9\ud800\u0000abcdef";
        int parsed = 0;
        for (int k = 0; k < 20_000; k++) {
            StringBuilder sb = new StringBuilder(docs[random.nextInt(docs.length)]);
            for (int e = 1 + random.nextInt(3); e > 0; e--) {
                int at = random.nextInt(sb.length() + 1);
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(4)) {
                    case 0 -> sb.insert(at, c);
                    case 1 -> sb.setLength(at);
                    case 2 -> {
                        if (at < sb.length()) {
                            sb.setCharAt(at, c);
                        }
                    }
                    default -> {
                        if (at < sb.length()) {
                            sb.deleteCharAt(at);
                        }
                    }
                }
            }
            String doc = sb.toString();
            try {
                ServedEvent e = ServedEvent.fromJson(doc);
                assertThat(ServedEvent.fromJson(e.toJson())).isEqualTo(e);
                parsed++;
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (RuntimeException | StackOverflowError wrong) {
                throw new AssertionError("fromJson threw " + wrong + " on " + doc, wrong);
            }
        }
        assertThat(parsed).as("some mutations stay valid").isPositive();
    }

    @Test
    void topicNamesAreDefinedOnce() {
        assertThat(Topics.SERVED).isEqualTo("recsys.served");
        assertThat(Topics.MOVIELOG).isEqualTo("movielog");
        assertThat(Topics.MOVIELOG_DLQ).isEqualTo("movielog.dlq");
    }
}
