package org.movierec.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.movierec.core.data.RatingScale;

class MovielogParserTest {

    private static final String T = "2025-10-17T01:38:54";
    private static final LocalDateTime TIME = LocalDateTime.of(2025, 10, 17, 1, 38, 54);

    private final MovielogParser parser = new MovielogParser();

    private MovieEvent ok(String line) {
        return ok(parser, line);
    }

    private static MovieEvent ok(MovielogParser parser, String line) {
        ParseResult result = parser.parse(line);
        assertThat(result).as(line).isInstanceOf(ParseResult.Ok.class);
        return ((ParseResult.Ok) result).event();
    }

    private String reason(String line) {
        return reason(parser, line);
    }

    private static String reason(MovielogParser parser, String line) {
        ParseResult result = parser.parse(line);
        assertThat(result).as(line).isInstanceOf(ParseResult.Rejected.class);
        ParseResult.Rejected rejected = (ParseResult.Rejected) result;
        assertThat(rejected.detail()).as(line).isNotBlank();
        return rejected.reason();
    }

    @Test
    void parsesAWatchWithASlug() {
        assertThat(ok(T + ",123456,GET /data/m/padre+nuestro+2007/12.mpg"))
                .isEqualTo(new WatchEvent(TIME, 123456, "padre+nuestro+2007", 12));
    }

    @Test
    void parsesARatingWithAMovieLensIntegerId() {
        assertThat(ok(T + ",42,GET /rate/1682=4")).isEqualTo(new RateEvent(TIME, 42, "1682", 4));
    }

    @Test
    void parsesAnAccountCreation() {
        assertThat(ok(T + ",7,GET /create_account")).isEqualTo(new CreateAccountEvent(TIME, 7));
    }

    @Test
    void parsesARecommendationRequestWithSpaceBeforeMs() {
        String line = T + ",5,recommendation request 17645-team01.isri.cmu.edu:8082, status 200, result: "
                + "the+matrix+1999, 1682, amelie+2001, 25 ms";
        assertThat(ok(line)).isEqualTo(RecommendationRequestEvent.success(TIME, 5, "17645-team01.isri.cmu.edu:8082", 200,
                List.of("the+matrix+1999", "1682", "amelie+2001"), 25));
    }

    @Test
    void parsesARecommendationRequestWithoutSpaceBeforeMs() {
        RecommendationRequestEvent e = (RecommendationRequestEvent) ok(
                T + ",5,recommendation request localhost:8082, status 200, result: a+1999, b+2000, 45ms");
        assertThat(e.results()).containsExactly("a+1999", "b+2000");
        assertThat(e.latencyMs()).isEqualTo(45);
        assertThat(e.error()).isNull();
        assertThat(e.succeeded()).isTrue();
    }

    @Test
    void parsesAFailedCallAsAnErrorWithNoResults() {
        RecommendationRequestEvent e = (RecommendationRequestEvent) ok(T + ",5,recommendation request "
                + "17645-team07.isri.cmu.edu:8082, status 0, result: java.net.ConnectException: Connection refused, 1ms");
        assertThat(e.status()).isZero();
        assertThat(e.results()).isEmpty();
        assertThat(e.error()).isEqualTo("java.net.ConnectException: Connection refused");
        assertThat(e.latencyMs()).isEqualTo(1);
        assertThat(e.succeeded()).isFalse();
    }

    @Test
    void anErrorTextMayHoldCommas() {
        RecommendationRequestEvent e = (RecommendationRequestEvent) ok(
                T + ",5,recommendation request h:1, status 500, result: Internal Server Error, retry later, 3 ms");
        assertThat(e.error()).isEqualTo("Internal Server Error, retry later");
    }

    @ParameterizedTest
    @ValueSource(strings = {"result: , 25 ms", "result: 25 ms", "result: 25ms"})
    void parsesASuccessfulCallWithAnEmptyResult(String result) {
        RecommendationRequestEvent e = (RecommendationRequestEvent) ok(
                T + ",5,recommendation request h:1, status 200, " + result);
        assertThat(e.results()).isEmpty();
        assertThat(e.error()).isNull();
        assertThat(e.latencyMs()).isEqualTo(25);
    }

    @Test
    void parsesFractionsOfOneToNineDigits() {
        for (int digits = 1; digits <= 9; digits++) {
            String fraction = "123456789".substring(0, digits);
            MovieEvent e = ok(T + "." + fraction + ",1,GET /create_account");
            int nano = Integer.parseInt(fraction) * (int) Math.pow(10, 9 - digits);
            assertThat(e.time()).as(fraction).isEqualTo(TIME.withNano(nano));
        }
        assertThat(ok("2025-10-17T01:33:45.122692921,1,GET /create_account").time())
                .isEqualTo(LocalDateTime.of(2025, 10, 17, 1, 33, 45, 122692921));
    }

    @Test
    void acceptsLeapDaysAndTheEdgesOfEveryField() {
        assertThat(ok("2024-02-29T23:59:59,1,GET /create_account").time()).isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 59));
        assertThat(ok("2000-02-29T00:00:00,1,GET /create_account").time()).isEqualTo(LocalDateTime.of(2000, 2, 29, 0, 0));
        assertThat(ok("2025-12-31T00:00:00,1,GET /create_account").time()).isEqualTo(LocalDateTime.of(2025, 12, 31, 0, 0));
    }

    @Test
    void stripsATrailingCarriageReturnAndReadsCharSequences() {
        assertThat(ok(T + ",42,GET /rate/1682=4\r")).isEqualTo(new RateEvent(TIME, 42, "1682", 4));
        assertThat(parser.parse(new StringBuilder(T + ",42,GET /rate/1682=4")))
                .isEqualTo(new ParseResult.Ok(new RateEvent(TIME, 42, "1682", 4)));
    }

    @Test
    void acceptsUserIdsOfUpTo18Digits() {
        assertThat(ok(T + ",999999999999999999,GET /create_account").userId()).isEqualTo(999_999_999_999_999_999L);
    }

    @Test
    void acceptsSlugPunctuationOfTheDefaultCharset() {
        assertThat(((RateEvent) ok(T + ",1,GET /rate/mission:impossible+-+o'brien&co_2.0!+1996=5")).movieId())
                .isEqualTo("mission:impossible+-+o'brien&co_2.0!+1996");
    }

    @Test
    void rejectsAnUnknownVerb() {
        assertThat(reason(T + ",1,POST /rate/m=4")).isEqualTo(RejectReason.UNKNOWN_VERB);
        assertThat(reason(T + ",1,GET /data/x/m/1.mpg")).isEqualTo(RejectReason.UNKNOWN_VERB);
        assertThat(reason(T + ",1,get /rate/m=4")).isEqualTo(RejectReason.UNKNOWN_VERB);
        assertThat(reason(T + ",1,GET /login")).isEqualTo(RejectReason.UNKNOWN_VERB);
    }

    @ParameterizedTest
    @CsvSource({"0,rating_out_of_range", "6,rating_out_of_range", "10,rating_out_of_range", "-1,rating_out_of_range",
        "99999999999999999999,rating_out_of_range", "4.5,bad_rating", "x,bad_rating", "04,bad_rating", "+4,bad_rating",
        "'4 ',bad_rating", "'',truncated"})
    void rejectsBadRatings(String rating, String expected) {
        assertThat(reason(T + ",1,GET /rate/m=" + rating)).isEqualTo(expected);
    }

    @Test
    void acceptsTenOnAOneToTenScale() {
        MovielogParser tenScale = new MovielogParser(MovielogParserConfig.DEFAULT.withRatingScale(new RatingScale(1, 10)));
        assertThat(ok(tenScale, T + ",1,GET /rate/m=10")).isEqualTo(new RateEvent(TIME, 1, "m", 10));
        assertThat(reason(tenScale, T + ",1,GET /rate/m=11")).isEqualTo(RejectReason.RATING_OUT_OF_RANGE);
        assertThat(reason(tenScale, T + ",1,GET /rate/m=0")).isEqualTo(RejectReason.RATING_OUT_OF_RANGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-0", "x", "1.5", "100001", "1234567890", "01"})
    void rejectsBadMinutes(String minute) {
        assertThat(reason(T + ",1,GET /data/m/m/" + minute + ".mpg")).isEqualTo(RejectReason.BAD_MINUTE);
    }

    @Test
    void acceptsMinutesUpToTheConfiguredMaximum() {
        assertThat(((WatchEvent) ok(T + ",1,GET /data/m/m/0.mpg")).minute()).isZero();
        assertThat(((WatchEvent) ok(T + ",1,GET /data/m/m/100000.mpg")).minute()).isEqualTo(100_000);
        assertThat(reason(T + ",1,GET /data/m/m/12.avi")).isEqualTo(RejectReason.BAD_MINUTE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-30T00:00:00", "2023-02-29T00:00:00", "1900-02-29T00:00:00", "2025-04-31T00:00:00",
        "2025-13-01T00:00:00", "2025-00-01T00:00:00", "2025-01-00T00:00:00", "2025-10-17T24:00:00", "2025-10-17T23:60:00",
        "2025-10-17T23:59:60", "2025-10-17 01:38:54", "2025-10-17T01:38:54.1234567890", "2025-10-17T01:38:54.,",
        "2025-10-17T01:38:54Z", "2025-10-17T01:38:54+02:00", "25-10-17T01:38:54", "2025-1-17T01:38:54", "x",
        "\u0662025-10-17T01:38:54"})
    void rejectsBadTimes(String time) {
        assertThat(reason(time + ",1,GET /create_account")).isEqualTo(RejectReason.BAD_TIME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "+1", "abc", "1a", "042", "1234567890123456789", " 1", "1 ", "١٢"})
    void rejectsBadUserIds(String user) {
        assertThat(reason(T + "," + user + ",GET /create_account")).isEqualTo(RejectReason.BAD_USER);
    }

    @Test
    void rejectsEmptyLines() {
        assertThat(reason(null)).isEqualTo(RejectReason.EMPTY);
        assertThat(reason("")).isEqualTo(RejectReason.EMPTY);
        assertThat(reason("\r")).isEqualTo(RejectReason.EMPTY);
    }

    @Test
    void rejectsLinesOverTheLimitAndAcceptsOneAtIt() {
        String line = T + ",1,GET /rate/" + "a".repeat(200) + "=4";
        MovielogParser limited = new MovielogParser(MovielogParserConfig.DEFAULT.withMaxLineLength(line.length()));
        assertThat(ok(limited, line)).isInstanceOf(RateEvent.class);
        assertThat(ok(limited, line + "\r")).isInstanceOf(RateEvent.class);
        assertThat(reason(limited, line + "5")).isEqualTo(RejectReason.TOO_LONG);
        assertThat(reason(T + ",1,GET /rate/m=4" + "x".repeat(5000))).isEqualTo(RejectReason.TOO_LONG);
    }

    @Test
    void everyProperPrefixOfAValidLineIsTruncated() {
        String[] lines = {
            "2025-10-17T01:33:45.122692921,123456,GET /data/m/padre+nuestro+2007/12.mpg",
            T + ",42,GET /rate/the+matrix+1999=4",
            T + ",42,GET /create_account",
            T + ",5,recommendation request 17645-team01.isri.cmu.edu:8082, status 200, result: a+1, 1682, 1683, 25 ms",
            T + ",5,recommendation request h:1, status 0, result: java.net.ConnectException: Connection refused, 1ms",
        };
        for (String line : lines) {
            assertThat(parser.parse(line)).as(line).isInstanceOf(ParseResult.Ok.class);
            for (int cut = 1; cut < line.length(); cut++) {
                assertThat(reason(line.substring(0, cut))).as(line.substring(0, cut)).isEqualTo(RejectReason.TRUNCATED);
            }
        }
    }

    @Test
    void rejectsTrailingGarbage() {
        assertThat(reason(T + ",1,GET /data/m/m/12.mpgx")).isEqualTo(RejectReason.TRAILING_GARBAGE);
        assertThat(reason(T + ",1,GET /create_account/x")).isEqualTo(RejectReason.TRAILING_GARBAGE);
        assertThat(reason(T + ",1,recommendation request h:1, status 200, result: a, 25 ms x")).isEqualTo(RejectReason.TRAILING_GARBAGE);
        assertThat(reason(T + ",1,recommendation request h:1, status 200, result: a, 25msms")).isEqualTo(RejectReason.TRAILING_GARBAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"The+Matrix", "the matrix", "", "caf\u00e9", "a\tb", "a;b", "a%20b", "a\"b", "a\u0000b"})
    void rejectsMovieIdsOutsideTheCharset(String id) {
        assertThat(reason(T + ",1,GET /rate/" + id + "=4")).as(id).isEqualTo(RejectReason.BAD_MOVIE_ID);
        assertThat(reason(T + ",1,GET /data/m/" + id + "/1.mpg")).as(id).isEqualTo(RejectReason.BAD_MOVIE_ID);
        String results = id.isEmpty() ? "a, , b" : "a, " + id;
        assertThat(reason(T + ",1,recommendation request h:1, status 200, result: " + results + ", 5 ms")).as(id)
                .isEqualTo(RejectReason.BAD_MOVIE_ID);
    }

    @Test
    void rejectsMovieIdsOverTheLengthLimit() {
        assertThat(ok(T + ",1,GET /rate/" + "a".repeat(256) + "=4")).isInstanceOf(RateEvent.class);
        assertThat(reason(T + ",1,GET /rate/" + "a".repeat(257) + "=4")).isEqualTo(RejectReason.BAD_MOVIE_ID);
        assertThat(reason(T + ",1,recommendation request h:1, status 200, result: " + "a".repeat(257) + ", 5 ms"))
                .isEqualTo(RejectReason.BAD_MOVIE_ID);
    }

    @Test
    void rejectsMalformedRecommendationRequests() {
        String head = T + ",1,recommendation request ";
        assertThat(reason(head + "my host, status 200, result: a, 5 ms")).isEqualTo(RejectReason.BAD_SERVER);
        assertThat(reason(head + ", status 200, result: a, 5 ms")).isEqualTo(RejectReason.BAD_SERVER);
        assertThat(reason(head + "h:1, status abc, result: a, 5 ms")).isEqualTo(RejectReason.BAD_STATUS);
        assertThat(reason(head + "h:1, status 2000, result: a, 5 ms")).isEqualTo(RejectReason.BAD_STATUS);
        assertThat(reason(head + "h:1, status -1, result: a, 5 ms")).isEqualTo(RejectReason.BAD_STATUS);
        assertThat(reason(head + "h:1, state 200, result: a, 5 ms")).isEqualTo(RejectReason.BAD_STATUS);
        assertThat(reason(head + "h:1, status 200, results: a, 5 ms")).isEqualTo(RejectReason.BAD_RESULT);
        assertThat(reason(head + "h:1, status 0, result: boom\u0007, 5 ms")).isEqualTo(RejectReason.BAD_RESULT);
        assertThat(reason(head + "h:1, status 200, result: a, -5 ms")).isEqualTo(RejectReason.BAD_LATENCY);
        assertThat(reason(head + "h:1, status 200, result: a, 5 sec")).isEqualTo(RejectReason.BAD_LATENCY);
        assertThat(reason(head + "h:1, status 200, result: a, 1234567890 ms")).isEqualTo(RejectReason.BAD_LATENCY);
        assertThat(reason(head + "h:1, status 200, result: a, fast ms")).isEqualTo(RejectReason.BAD_LATENCY);
        assertThat(reason(head + "h:1, status 200, result: a,b, 5 ms")).isEqualTo(RejectReason.BAD_MOVIE_ID);
        assertThat(reason(head + "h:1, status 200, result: a, b")).isEqualTo(RejectReason.TRUNCATED);
    }

    @Test
    void rejectsMoreResultsThanConfigured() {
        MovielogParser two = new MovielogParser(MovielogParserConfig.DEFAULT.withMaxResults(2));
        String head = T + ",1,recommendation request h:1, status 200, result: ";
        assertThat(ok(two, head + "a, b, 5 ms")).isInstanceOf(RecommendationRequestEvent.class);
        assertThat(reason(two, head + "a, b, c, 5 ms")).isEqualTo(RejectReason.TOO_MANY_RESULTS);
    }

    @Test
    void aConfiguredCharsetWidensOrNarrowsMovieIds() {
        MovielogParser upper = new MovielogParser(MovielogParserConfig.DEFAULT.withMovieIdCharset(MovieIdCharset.of("ABC123")));
        assertThat(ok(upper, T + ",1,GET /rate/CAB1=4")).isEqualTo(new RateEvent(TIME, 1, "CAB1", 4));
        assertThat(reason(upper, T + ",1,GET /rate/cab=4")).isEqualTo(RejectReason.BAD_MOVIE_ID);
    }

    @Test
    void aCharsetCannotHoldDelimiters() {
        for (String bad : List.of(",", "/", "=", " ", "\n", "é", "")) {
            assertThatThrownBy(() -> MovieIdCharset.of("ab" + bad + (bad.isEmpty() ? "\u0000" : "")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(MovieIdCharset.DEFAULT.chars()).isEqualTo("!&'+-.0123456789:_abcdefghijklmnopqrstuvwxyz");
    }

    @Test
    void everyReasonIsAShortStableKey() {
        assertThat(RejectReason.ALL).doesNotHaveDuplicates().allMatch(r -> r.matches("[a-z_]{3,24}"));
    }
}
