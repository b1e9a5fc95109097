package org.movierec.simulator.traffic;

import java.util.List;

/**
 * What a {@code GET /recommend/{userId}} call gave.
 *
 * @param status    the HTTP status, or 0 when there was no HTTP answer (refused, timed out)
 * @param movieIds  the movie ids answered, best first (2xx only; else empty)
 * @param error     for a non-2xx status: the error text to log (an exception, or the answer's first line); else null
 * @param latencyMs how long the call took, in whole milliseconds
 */
public record RouterAnswer(int status, List<String> movieIds, String error, int latencyMs) {

    public RouterAnswer {
        movieIds = List.copyOf(movieIds);
    }

    /** Whether the call was answered with a 2xx status. */
    public boolean succeeded() {
        return status >= 200 && status <= 299;
    }
}
