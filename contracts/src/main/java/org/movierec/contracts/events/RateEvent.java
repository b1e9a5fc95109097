package org.movierec.contracts.events;

import java.time.LocalDateTime;

/**
 * A user rated a movie: {@code <time>,<userId>,GET /rate/<movieId>=<rating>}. Whether the rating is
 * within the stream's scale is the parser's configuration, not the event's.
 */
public record RateEvent(LocalDateTime time, long userId, String movieId, int rating) implements MovieEvent {

    /** The request prefix that identifies a rating. */
    static final String VERB = "GET /rate/";

    public RateEvent {
        LineFields.requireTimeAndUser(time, userId);
        LineFields.requireMovieId(movieId);
    }

    @Override
    public String toLine() {
        return LineFields.start(time, userId, VERB.length() + movieId.length() + 8)
                .append(VERB).append(movieId).append('=').append(rating).toString();
    }
}
