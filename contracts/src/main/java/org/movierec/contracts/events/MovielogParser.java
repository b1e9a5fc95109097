package org.movierec.contracts.events;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.movierec.core.data.RatingScale;

/**
 * Parses and validates {@code movielog} lines into {@link MovieEvent}s with a strict grammar:
 *
 * <pre>
 * line     = time "," userId "," request ["\r"]
 * time     = yyyy-MM-ddTHH:mm:ss ["." 1*9DIGIT]                (a real local date and time)
 * userId   = 1..18 digits, no sign, no leading zero, positive
 * request  = "GET /data/m/" movieId "/" minute ".mpg"
 *          | "GET /rate/" movieId "=" rating
 *          | "GET /create_account"
 *          | "recommendation request " server ", status " status ", result: " result latency ("ms" | " ms")
 * result   = [movieId *(", " movieId)] ", "                    (status 2xx: the movies, best first)
 *          | errorText ", "                                     (any other status: e.g. a Java exception)
 * </pre>
 *
 * <p>A movie id holds 1 to {@link MovielogParserConfig#maxMovieIdLength()} characters of
 * {@link MovielogParserConfig#movieIdCharset()}. Numbers are plain decimal digits without sign or
 * leading zeros: the minute {@code 0..maxMinute}, the rating an integer in the configured
 * {@link RatingScale}, the status {@code 0..999}, the latency up to 9 digits. A server is 1 to
 * {@value #MAX_SERVER_LENGTH} printable ASCII characters other than space and comma; an error text
 * holds no control character. With a 2xx status an empty result may be written
 * {@code result: , 25 ms} or {@code result: 25 ms}.
 *
 * <p>The parser never throws: every input, including {@code null}, gives a {@link ParseResult.Ok} or
 * a {@link ParseResult.Rejected} with a {@link RejectReason} key. When a line is wrong in more than
 * one way, the first problem from the left is reported; a line that is right so far but ends too
 * early is {@link RejectReason#TRUNCATED}. It scans each line once by hand, without regular
 * expressions or exceptions, and allocates only the event (and its strings) or the rejection.
 * Instances are immutable and thread-safe.
 */
public final class MovielogParser {

    /** The most digits of a user id (so that it always fits a long). */
    public static final int MAX_USER_ID_DIGITS = 18;
    /** The longest server name of a recommendation request. */
    public static final int MAX_SERVER_LENGTH = 256;
    /** The most digits of the latency, and of any number parsed as an int. */
    private static final int MAX_INT_DIGITS = 9;
    /** The most digits of a status. */
    private static final int MAX_STATUS_DIGITS = 3;

    private static final String[] REQUESTS = {WatchEvent.VERB, RateEvent.VERB, CreateAccountEvent.VERB,
        RecommendationRequestEvent.VERB};

    private final MovielogParserConfig config;
    private final MovieIdCharset charset;

    /** A parser with {@link MovielogParserConfig#DEFAULT}. */
    public MovielogParser() {
        this(MovielogParserConfig.DEFAULT);
    }

    /** A parser with the given configuration. */
    public MovielogParser(MovielogParserConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is null");
        }
        this.config = config;
        this.charset = config.movieIdCharset();
    }

    /** The configuration of this parser. */
    public MovielogParserConfig config() {
        return config;
    }

    /** Parses one line (without its {@code \n}; a trailing {@code \r} is ignored). Never throws. */
    public ParseResult parse(String line) {
        return parse((CharSequence) line);
    }

    /** Parses one line (without its {@code \n}; a trailing {@code \r} is ignored). Never throws. */
    public ParseResult parse(CharSequence line) {
        try {
            return parseLine(line);
        } catch (RuntimeException e) {
            // A bug, or a CharSequence that fails: dead-letter the line rather than stop the pipeline.
            return new ParseResult.Rejected(RejectReason.INTERNAL_ERROR, String.valueOf(e));
        }
    }

    private ParseResult parseLine(CharSequence s) {
        if (s == null) {
            return reject(RejectReason.EMPTY, "line is null");
        }
        int end = s.length();
        if (end > 0 && s.charAt(end - 1) == '\r') {
            end--;
        }
        if (end == 0) {
            return reject(RejectReason.EMPTY, "line is empty");
        }
        if (end > config.maxLineLength()) {
            return reject(RejectReason.TOO_LONG, "line of " + end + " chars is longer than " + config.maxLineLength()
                    + ": " + Snippet.quote(s, 0, end));
        }

        int timeEnd = MovielogTime.shapeEnd(s, 0, end);
        if (timeEnd == MovielogTime.TRUNCATED) {
            return truncated("inside the time", s, 0, end);
        }
        if (timeEnd == MovielogTime.MALFORMED) {
            return reject(RejectReason.BAD_TIME, "time is not yyyy-MM-ddTHH:mm:ss[.fraction]: "
                    + Snippet.quote(s, 0, fieldEnd(s, 0, end)));
        }
        LocalDateTime time = MovielogTime.toDateTime(s, 0, timeEnd);
        if (time == null) {
            return reject(RejectReason.BAD_TIME, MovielogTime.rangeProblem(s, 0, timeEnd));
        }
        if (timeEnd == end) {
            return truncated("after the time", s, 0, end);
        }
        if (s.charAt(timeEnd) != ',') {
            return reject(RejectReason.BAD_TIME, "time followed by " + Snippet.quote(s, timeEnd, fieldEnd(s, timeEnd, end))
                    + " instead of ','");
        }

        int userStart = timeEnd + 1;
        int userEnd = digitsEnd(s, userStart, end);
        int digits = userEnd - userStart;
        if (digits == 0 && userStart == end) {
            return truncated("before the user id", s, 0, end);
        }
        if (digits == 0 || digits > MAX_USER_ID_DIGITS || s.charAt(userStart) == '0'
                || userEnd < end && s.charAt(userEnd) != ',') {
            return reject(RejectReason.BAD_USER, "user id is not a positive integer of at most " + MAX_USER_ID_DIGITS
                    + " digits: " + Snippet.quote(s, userStart, fieldEnd(s, userStart, end)));
        }
        if (userEnd == end) {
            return truncated("after the user id", s, 0, end);
        }
        long userId = parseLong(s, userStart, userEnd);

        int request = userEnd + 1;
        if (startsWith(s, request, end, WatchEvent.VERB)) {
            return parseWatch(s, request + WatchEvent.VERB.length(), end, time, userId);
        }
        if (startsWith(s, request, end, RateEvent.VERB)) {
            return parseRate(s, request + RateEvent.VERB.length(), end, time, userId);
        }
        if (startsWith(s, request, end, CreateAccountEvent.VERB)) {
            int after = request + CreateAccountEvent.VERB.length();
            if (after != end) {
                return trailing(s, after, end);
            }
            return new ParseResult.Ok(new CreateAccountEvent(time, userId));
        }
        if (startsWith(s, request, end, RecommendationRequestEvent.VERB)) {
            return parseRecommendation(s, request + RecommendationRequestEvent.VERB.length(), end, time, userId);
        }
        for (String known : REQUESTS) {
            if (isProperPrefix(s, request, end, known)) {
                return truncated("inside the request", s, 0, end);
            }
        }
        return reject(RejectReason.UNKNOWN_VERB, "unknown request " + Snippet.quote(s, request, end));
    }

    /** {@code <movieId>/<minute>.mpg} from {@code start}. */
    private ParseResult parseWatch(CharSequence s, int start, int end, LocalDateTime time, long userId) {
        int idEnd = movieIdEnd(s, start, end);
        ParseResult problem = checkMovieId(s, start, idEnd, end, '/');
        if (problem != null) {
            return problem;
        }
        int minuteStart = idEnd + 1;
        int minuteEnd = digitsEnd(s, minuteStart, end);
        int digits = minuteEnd - minuteStart;
        if (digits == 0 && minuteStart == end) {
            return truncated("before the minute", s, 0, end);
        }
        if (digits == 0 || digits > 1 && s.charAt(minuteStart) == '0' || digits > MAX_INT_DIGITS
                || parseLong(s, minuteStart, minuteEnd) > config.maxMinute()) {
            return reject(RejectReason.BAD_MINUTE, "minute is not an integer in 0.." + config.maxMinute() + ": "
                    + Snippet.quote(s, minuteStart, end));
        }
        int suffixEnd = minuteEnd + WatchEvent.SUFFIX.length();
        if (!startsWith(s, minuteEnd, end, WatchEvent.SUFFIX)) {
            if (isProperPrefix(s, minuteEnd, end, WatchEvent.SUFFIX)) {
                return truncated("before .mpg", s, 0, end);
            }
            return reject(RejectReason.BAD_MINUTE, "minute followed by " + Snippet.quote(s, minuteEnd, end)
                    + " instead of '.mpg'");
        }
        if (suffixEnd != end) {
            return trailing(s, suffixEnd, end);
        }
        return new ParseResult.Ok(new WatchEvent(time, userId, substring(s, start, idEnd),
                (int) parseLong(s, minuteStart, minuteEnd)));
    }

    /** {@code <movieId>=<rating>} from {@code start}. */
    private ParseResult parseRate(CharSequence s, int start, int end, LocalDateTime time, long userId) {
        int idEnd = movieIdEnd(s, start, end);
        ParseResult problem = checkMovieId(s, start, idEnd, end, '=');
        if (problem != null) {
            return problem;
        }
        int ratingStart = idEnd + 1;
        if (ratingStart == end) {
            return truncated("before the rating", s, 0, end);
        }
        boolean negative = s.charAt(ratingStart) == '-';
        int digitsStart = negative ? ratingStart + 1 : ratingStart;
        int digitsEnd = digitsEnd(s, digitsStart, end);
        int digits = digitsEnd - digitsStart;
        if (digits == 0 || digitsEnd != end || digits > 1 && s.charAt(digitsStart) == '0') {
            return reject(RejectReason.BAD_RATING, "rating is not an integer: " + Snippet.quote(s, ratingStart, end));
        }
        RatingScale scale = config.ratingScale();
        long rating = digits > MAX_INT_DIGITS ? Long.MAX_VALUE : parseLong(s, digitsStart, digitsEnd);
        if (negative) {
            rating = -rating;
        }
        if (!scale.contains(rating)) {
            return reject(RejectReason.RATING_OUT_OF_RANGE, "rating " + Snippet.quote(s, ratingStart, end)
                    + " is outside " + scale);
        }
        return new ParseResult.Ok(new RateEvent(time, userId, substring(s, start, idEnd), (int) rating));
    }

    /** {@code <server>, status <status>, result: <result>, <latency> ms} from {@code start}. */
    private ParseResult parseRecommendation(CharSequence s, int start, int end, LocalDateTime time, long userId) {
        int serverEnd = start;
        while (serverEnd < end && isServerChar(s.charAt(serverEnd))) {
            serverEnd++;
        }
        int length = serverEnd - start;
        if (length == 0 && serverEnd == end) {
            return truncated("before the server", s, 0, end);
        }
        if (length == 0 || length > MAX_SERVER_LENGTH || serverEnd < end && s.charAt(serverEnd) != ',') {
            return reject(RejectReason.BAD_SERVER, "server is not 1.." + MAX_SERVER_LENGTH
                    + " printable ASCII chars without space or comma: " + Snippet.quote(s, start, fieldEnd(s, start, end)));
        }

        int statusStart = serverEnd + RecommendationRequestEvent.STATUS.length();
        if (!startsWith(s, serverEnd, end, RecommendationRequestEvent.STATUS)) {
            if (isProperPrefix(s, serverEnd, end, RecommendationRequestEvent.STATUS)) {
                return truncated("before the status", s, 0, end);
            }
            return reject(RejectReason.BAD_STATUS, "expected ', status ' after the server: "
                    + Snippet.quote(s, serverEnd, end));
        }
        int statusEnd = digitsEnd(s, statusStart, end);
        int digits = statusEnd - statusStart;
        if (digits == 0 && statusStart == end) {
            return truncated("before the status", s, 0, end);
        }
        if (digits == 0 || digits > MAX_STATUS_DIGITS || digits > 1 && s.charAt(statusStart) == '0'
                || statusEnd < end && s.charAt(statusEnd) != ',') {
            return reject(RejectReason.BAD_STATUS, "status is not an integer in 0.." + RecommendationRequestEvent.MAX_STATUS
                    + ": " + Snippet.quote(s, statusStart, fieldEnd(s, statusStart, end)));
        }
        int status = (int) parseLong(s, statusStart, statusEnd);

        int bodyStart = statusEnd + RecommendationRequestEvent.RESULT.length();
        if (!startsWith(s, statusEnd, end, RecommendationRequestEvent.RESULT)) {
            if (isProperPrefix(s, statusEnd, end, RecommendationRequestEvent.RESULT)) {
                return truncated("before the result", s, 0, end);
            }
            return reject(RejectReason.BAD_RESULT, "expected ', result: ' after the status: " + Snippet.quote(s, statusEnd, end));
        }

        // The latency is the last item: after the last ", " of the result, or the whole result if it has none.
        int separator = lastSeparator(s, bodyStart, end);
        int bodyEnd = separator < 0 ? bodyStart : separator;
        int latencyStart = separator < 0 ? bodyStart : separator + RecommendationRequestEvent.SEPARATOR.length();
        int latencyEnd = digitsEnd(s, latencyStart, end);
        ParseResult latencyProblem = checkLatency(s, latencyStart, latencyEnd, end);
        if (latencyProblem != null) {
            return latencyProblem;
        }
        int latency = (int) parseLong(s, latencyStart, latencyEnd);

        if (!RecommendationRequestEvent.isSuccess(status)) {
            for (int k = bodyStart; k < bodyEnd; k++) {
                if (Character.isISOControl(s.charAt(k))) {
                    return reject(RejectReason.BAD_RESULT, "error text holds a control character: "
                            + Snippet.quote(s, bodyStart, bodyEnd));
                }
            }
            return new ParseResult.Ok(new RecommendationRequestEvent(time, userId, substring(s, start, serverEnd), status,
                    List.of(), latency, substring(s, bodyStart, bodyEnd)));
        }
        List<String> results = new ArrayList<>(Math.min(config.maxResults(), 32));
        int item = bodyStart;
        boolean more = bodyEnd > bodyStart;
        while (more) {
            int idEnd = movieIdEnd(s, item, bodyEnd);
            int idLength = idEnd - item;
            if (idLength == 0 || idLength > config.maxMovieIdLength()) {
                return reject(RejectReason.BAD_MOVIE_ID, "result movie id is empty or longer than "
                        + config.maxMovieIdLength() + ": " + Snippet.quote(s, item, bodyEnd));
            }
            if (results.size() == config.maxResults()) {
                return reject(RejectReason.TOO_MANY_RESULTS, "more than " + config.maxResults() + " results");
            }
            results.add(substring(s, item, idEnd));
            more = idEnd < bodyEnd;
            if (more && !startsWith(s, idEnd, bodyEnd, RecommendationRequestEvent.SEPARATOR)) {
                return reject(RejectReason.BAD_MOVIE_ID, "result movie id holds a character outside "
                        + charset.chars() + ": " + Snippet.quote(s, item, bodyEnd));
            }
            item = idEnd + RecommendationRequestEvent.SEPARATOR.length();
        }
        return new ParseResult.Ok(new RecommendationRequestEvent(time, userId, substring(s, start, serverEnd), status,
                results, latency, null));
    }

    /** Checks {@code <digits>ms} or {@code <digits> ms} ending the line; {@code null} when it is right. */
    private ParseResult checkLatency(CharSequence s, int start, int digitsEnd, int end) {
        int digits = digitsEnd - start;
        if (digits == 0) {
            boolean negative = start + 1 < end && s.charAt(start) == '-' && isDigit(s.charAt(start + 1));
            if (negative || endsWith(s, start, end, "ms")) {
                return reject(RejectReason.BAD_LATENCY, "latency is not a non-negative integer: " + Snippet.quote(s, start, end));
            }
            return truncated("before the latency", s, 0, end);
        }
        if (digits > MAX_INT_DIGITS || digits > 1 && s.charAt(start) == '0') {
            return reject(RejectReason.BAD_LATENCY, "latency is not an integer of at most " + MAX_INT_DIGITS + " digits: "
                    + Snippet.quote(s, start, end));
        }
        int rest = end - digitsEnd;
        if (rest == 3 && startsWith(s, digitsEnd, end, " ms") || rest == 2 && startsWith(s, digitsEnd, end, "ms")) {
            return null;
        }
        if (isProperPrefix(s, digitsEnd, end, " ms") || isProperPrefix(s, digitsEnd, end, "ms")
                || isProperPrefix(s, digitsEnd, end, RecommendationRequestEvent.SEPARATOR)) {
            // "25 m" is a cut latency; "1682," a movie id cut right after its comma.
            return truncated("inside the latency", s, 0, end);
        }
        if (startsWith(s, digitsEnd, end, " ms")) {
            return trailing(s, digitsEnd + 3, end);
        }
        if (startsWith(s, digitsEnd, end, "ms")) {
            return trailing(s, digitsEnd + 2, end);
        }
        return reject(RejectReason.BAD_LATENCY, "latency not followed by 'ms': " + Snippet.quote(s, start, end));
    }

    /**
     * Checks the movie id {@code s[start..idEnd)} that must be followed by {@code terminator};
     * {@code null} when it is right.
     */
    private ParseResult checkMovieId(CharSequence s, int start, int idEnd, int end, char terminator) {
        int length = idEnd - start;
        if (length > config.maxMovieIdLength()) {
            return reject(RejectReason.BAD_MOVIE_ID, "movie id of " + length + " chars is longer than "
                    + config.maxMovieIdLength() + ": " + Snippet.quote(s, start, idEnd));
        }
        if (idEnd == end) {
            return truncated("inside the movie id", s, 0, end);
        }
        if (s.charAt(idEnd) != terminator) {
            return reject(RejectReason.BAD_MOVIE_ID, "movie id holds " + Snippet.quote(s, idEnd, idEnd + 1)
                    + ", outside " + charset.chars() + ": " + Snippet.quote(s, start, end));
        }
        if (length == 0) {
            return reject(RejectReason.BAD_MOVIE_ID, "movie id is empty");
        }
        return null;
    }

    /** The index of the first char at or after {@code start} that is not in the movie id charset. */
    private int movieIdEnd(CharSequence s, int start, int end) {
        int k = start;
        while (k < end && charset.contains(s.charAt(k))) {
            k++;
        }
        return k;
    }

    /** The index of the ',' of the last ", " in {@code s[start..end)}, or -1. */
    private static int lastSeparator(CharSequence s, int start, int end) {
        for (int k = end - 2; k >= start; k--) {
            if (s.charAt(k) == ',' && s.charAt(k + 1) == ' ') {
                return k;
            }
        }
        return -1;
    }

    private static boolean isServerChar(char c) {
        return c > ' ' && c < 127 && c != ',';
    }

    private static int digitsEnd(CharSequence s, int start, int end) {
        int k = start;
        while (k < end && isDigit(s.charAt(k))) {
            k++;
        }
        return k;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The value of at most 18 digits {@code s[start..end)}. */
    private static long parseLong(CharSequence s, int start, int end) {
        long value = 0;
        for (int k = start; k < end; k++) {
            value = value * 10 + (s.charAt(k) - '0');
        }
        return value;
    }

    /** Whether {@code s[start..end)} starts with {@code literal}. */
    private static boolean startsWith(CharSequence s, int start, int end, String literal) {
        int n = literal.length();
        if (end - start < n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (s.charAt(start + k) != literal.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s[start..end)} ends with {@code literal}. */
    private static boolean endsWith(CharSequence s, int start, int end, String literal) {
        return end - start >= literal.length() && startsWith(s, end - literal.length(), end, literal);
    }

    /** Whether {@code s[start..end)} is shorter than {@code literal} and a prefix of it (the line ends inside it). */
    private static boolean isProperPrefix(CharSequence s, int start, int end, String literal) {
        int n = end - start;
        if (n >= literal.length()) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (s.charAt(start + k) != literal.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The index of the next ',' at or after {@code start}, or {@code end}: the extent of a field for a detail. */
    private static int fieldEnd(CharSequence s, int start, int end) {
        for (int k = start; k < end; k++) {
            if (s.charAt(k) == ',') {
                return k;
            }
        }
        return end;
    }

    private static String substring(CharSequence s, int start, int end) {
        return s.subSequence(start, end).toString();
    }

    private static ParseResult truncated(String where, CharSequence s, int start, int end) {
        return reject(RejectReason.TRUNCATED, "line ends " + where + ": " + Snippet.quote(s, Math.max(start, end - Snippet.MAX_CHARS), end));
    }

    private static ParseResult trailing(CharSequence s, int start, int end) {
        return reject(RejectReason.TRAILING_GARBAGE, "unexpected text after the event: " + Snippet.quote(s, start, end));
    }

    private static ParseResult reject(String reason, String detail) {
        return new ParseResult.Rejected(reason, detail);
    }
}
