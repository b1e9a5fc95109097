package org.movierec.contracts.events;

import java.time.LocalDateTime;
import java.util.List;

/**
 * The streaming service asked a recommendation server for a user's list and logged the outcome:
 * {@code <time>,<userId>,recommendation request <server>, status <status>, result: <id1>, <id2>, ..., <latency> ms}.
 *
 * <p>A call answered with a 2xx status lists the movie ids it got back, best first (possibly none)
 * and has no {@code error}. Any other status ({@code 0} when the call failed outright) carries the
 * error text instead, and no results, e.g.
 * {@code status 0, result: java.net.ConnectException: Connection refused, 1ms}.
 *
 * @param server the server that was called, e.g. {@code 17645-team01.isri.cmu.edu:8082}
 * @param status the HTTP status, {@code 0..999}; {@code 0} when there was no HTTP answer
 * @param results the movie ids answered, best first; empty unless the status is 2xx
 * @param latencyMs how long the call took, in whole milliseconds
 * @param error the error text when the status is not 2xx (possibly empty); {@code null} otherwise
 */
public record RecommendationRequestEvent(LocalDateTime time, long userId, String server, int status,
        List<String> results, int latencyMs, String error) implements MovieEvent {

    /** The text that starts a recommendation request, before the server. */
    static final String VERB = "recommendation request ";
    /** Between the server and the status. */
    static final String STATUS = ", status ";
    /** Between the status and the results or error. */
    static final String RESULT = ", result: ";
    /** Between results, and before the latency. */
    static final String SEPARATOR = ", ";
    /** After the latency, in canonical form (streams also write it without the space). */
    static final String MS = " ms";
    /** The largest status. */
    static final int MAX_STATUS = 999;

    public RecommendationRequestEvent {
        LineFields.requireTimeAndUser(time, userId);
        LineFields.requireServer(server);
        if (status < 0 || status > MAX_STATUS) {
            throw new IllegalArgumentException("status must be in 0.." + MAX_STATUS + ", got " + status);
        }
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latency must not be negative, got " + latencyMs);
        }
        if (results == null) {
            throw new IllegalArgumentException("results is null (use an empty list)");
        }
        if (isSuccess(status)) {
            if (error != null) {
                throw new IllegalArgumentException("a call with status " + status + " has results, not an error");
            }
            results.forEach(LineFields::requireMovieId);
        } else {
            if (error == null) {
                throw new IllegalArgumentException("a call with status " + status + " needs an error text (may be empty)");
            }
            if (!results.isEmpty()) {
                throw new IllegalArgumentException("a call with status " + status + " has no results");
            }
            LineFields.requireErrorText(error);
        }
        results = List.copyOf(results);
    }

    /** A call answered with a 2xx {@code status} and {@code results}, best first. */
    public static RecommendationRequestEvent success(LocalDateTime time, long userId, String server, int status,
            List<String> results, int latencyMs) {
        return new RecommendationRequestEvent(time, userId, server, status, results, latencyMs, null);
    }

    /** A call that failed: {@code status} 0 (no answer) or not 2xx, with the {@code error} logged. */
    public static RecommendationRequestEvent failure(LocalDateTime time, long userId, String server, int status,
            String error, int latencyMs) {
        return new RecommendationRequestEvent(time, userId, server, status, List.of(), latencyMs, error);
    }

    /** Whether a status is 2xx, i.e. the result of the call is a list of movie ids rather than an error. */
    public static boolean isSuccess(int status) {
        return status >= 200 && status <= 299;
    }

    /** Whether this call was answered with a 2xx status. */
    public boolean succeeded() {
        return isSuccess(status);
    }

    @Override
    public String toLine() {
        StringBuilder sb = LineFields.start(time, userId, 64 + server.length() + 24 * results.size());
        sb.append(VERB).append(server).append(STATUS).append(status).append(RESULT);
        if (error != null) {
            sb.append(error);
        } else {
            for (int k = 0; k < results.size(); k++) {
                if (k > 0) {
                    sb.append(SEPARATOR);
                }
                sb.append(results.get(k));
            }
        }
        return sb.append(SEPARATOR).append(latencyMs).append(MS).toString();
    }
}
