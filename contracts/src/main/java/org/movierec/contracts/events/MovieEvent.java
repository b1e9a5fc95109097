package org.movierec.contracts.events;

import java.time.LocalDateTime;

/**
 * One user action of the {@code movielog} stream, as a line of text is parsed into
 * ({@link MovielogParser}) and written from ({@link #toLine()}).
 *
 * <p>Every event is valid enough to be written as one line with its structure; for an event whose
 * fields are also within a parser's configuration (movie id charset and length, rating scale, ...)
 * {@code parser.parse(event.toLine())} gives back an equal event.
 */
public sealed interface MovieEvent permits WatchEvent, RateEvent, RecommendationRequestEvent, CreateAccountEvent {

    /** When the web server logged the action (local time of the stream, as written). */
    LocalDateTime time();

    /** The user; always positive. */
    long userId();

    /** The canonical {@code movielog} line of this event, without a line terminator. */
    String toLine();
}
