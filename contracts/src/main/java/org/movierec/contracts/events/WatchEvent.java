package org.movierec.contracts.events;

import java.time.LocalDateTime;

/**
 * A user streamed one minute of a movie: {@code <time>,<userId>,GET /data/m/<movieId>/<minute>.mpg}.
 *
 * @param minute the minute of the movie, from 0
 */
public record WatchEvent(LocalDateTime time, long userId, String movieId, int minute) implements MovieEvent {

    /** The request prefix that identifies a watch. */
    static final String VERB = "GET /data/m/";
    /** What follows the minute. */
    static final String SUFFIX = ".mpg";

    public WatchEvent {
        LineFields.requireTimeAndUser(time, userId);
        LineFields.requireMovieId(movieId);
        if (minute < 0) {
            throw new IllegalArgumentException("minute must not be negative, got " + minute);
        }
    }

    @Override
    public String toLine() {
        return LineFields.start(time, userId, VERB.length() + movieId.length() + 16)
                .append(VERB).append(movieId).append('/').append(minute).append(SUFFIX).toString();
    }
}
