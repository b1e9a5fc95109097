package org.movierec.simulator.viewer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.movierec.contracts.events.RateEvent;
import org.movierec.contracts.events.WatchEvent;
import org.movierec.simulator.catalog.Movie;
import org.movierec.simulator.movielog.LineKind;
import org.movierec.simulator.movielog.LineSink;

/**
 * What a person does to a movie in the app, as {@code movielog} lines in the robots' grammar (the contracts'
 * {@link WatchEvent} and {@link RateEvent}): a watch is one line per minute streamed, a rating one line. Lines are
 * stamped with the clock when written, to the millisecond (never in the future: the collector dead-letters that),
 * and keyed by user like every line of the simulator, so a person's lines stay in order.
 */
@ApplicationScoped
public class Playback {

    @Inject
    LineSink lines;

    private final Clock clock = Clock.systemUTC();

    /** Streams minutes {@code 0..minutes-1} of {@code movie}; the caller checked {@code 1 <= minutes <= runtime}. */
    public void watch(long userId, Movie movie, int minutes) {
        for (int minute = 0; minute < minutes; minute++) {
            lines.write(userId, new WatchEvent(now(), userId, movie.id(), minute).toLine(), LineKind.WATCH);
        }
    }

    /** Rates {@code movie}; the caller checked the rating is on the scale. */
    public void rate(long userId, Movie movie, int rating) {
        lines.write(userId, new RateEvent(now(), userId, movie.id(), rating).toLine(), LineKind.RATE);
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
