package org.movierec.contracts.events;

import java.util.List;

/**
 * The short, stable keys under which {@link MovielogParser} rejects a line
 * ({@link ParseResult.Rejected#reason()}). Dead-letter records carry them and rejection counters
 * are tagged with them, so they never change meaning.
 */
public final class RejectReason {

    /** The line is null or empty (a lone {@code \r} counts as empty). */
    public static final String EMPTY = "empty";
    /** The line is longer than {@link MovielogParserConfig#maxLineLength()}. */
    public static final String TOO_LONG = "too_long";
    /** The line ends before the event does: a field or a fixed part of the grammar is missing. */
    public static final String TRUNCATED = "truncated";
    /** The time is not {@code yyyy-MM-ddTHH:mm:ss[.f]} (1 to 9 fraction digits) or not a real date and time. */
    public static final String BAD_TIME = "bad_time";
    /** The user id is not a positive integer of at most 18 digits without sign or leading zeros. */
    public static final String BAD_USER = "bad_user";
    /** The text after the user id is none of the known requests. */
    public static final String UNKNOWN_VERB = "unknown_verb";
    /** A movie id is empty, too long, or holds a character outside the configured charset. */
    public static final String BAD_MOVIE_ID = "bad_movie_id";
    /** The rating is not an integer. */
    public static final String BAD_RATING = "bad_rating";
    /** The rating is an integer outside the configured rating scale. */
    public static final String RATING_OUT_OF_RANGE = "rating_out_of_range";
    /** The minute of a watch is not a non-negative integer up to the configured maximum, or not followed by {@code .mpg}. */
    public static final String BAD_MINUTE = "bad_minute";
    /** The server of a recommendation request is empty, too long, or holds a space, comma or non-printable character. */
    public static final String BAD_SERVER = "bad_server";
    /** The status of a recommendation request is not {@code , status <0..999>}. */
    public static final String BAD_STATUS = "bad_status";
    /** The result of a recommendation request is not {@code , result: ...} or its error text holds a control character. */
    public static final String BAD_RESULT = "bad_result";
    /** A recommendation request lists more movies than {@link MovielogParserConfig#maxResults()}. */
    public static final String TOO_MANY_RESULTS = "too_many_results";
    /** The latency of a recommendation request is not a non-negative integer followed by {@code ms} or {@code  ms}. */
    public static final String BAD_LATENCY = "bad_latency";
    /** A complete event is followed by more characters. */
    public static final String TRAILING_GARBAGE = "trailing_garbage";
    /**
     * The parser itself failed on the line. It never should; the key exists so that a parser bug
     * dead-letters a line instead of stopping a pipeline.
     */
    public static final String INTERNAL_ERROR = "internal_error";

    /** Every key, for registering counters up front. */
    public static final List<String> ALL = List.of(EMPTY, TOO_LONG, TRUNCATED, BAD_TIME, BAD_USER, UNKNOWN_VERB,
            BAD_MOVIE_ID, BAD_RATING, RATING_OUT_OF_RANGE, BAD_MINUTE, BAD_SERVER, BAD_STATUS, BAD_RESULT,
            TOO_MANY_RESULTS, BAD_LATENCY, TRAILING_GARBAGE, INTERNAL_ERROR);

    private RejectReason() {
    }
}
