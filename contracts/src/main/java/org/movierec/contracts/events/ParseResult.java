package org.movierec.contracts.events;

import java.util.Objects;

/** What {@link MovielogParser} made of a line: an {@link Ok event} or the {@link Rejected reason} it was refused. */
public sealed interface ParseResult {

    /** Whether the line was a valid event. */
    boolean isOk();

    /** A valid line and the event it describes. */
    record Ok(MovieEvent event) implements ParseResult {

        public Ok {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public boolean isOk() {
            return true;
        }
    }

    /**
     * A refused line.
     *
     * @param reason one of the stable keys of {@link RejectReason}
     * @param detail a short human-readable explanation that quotes (clipped) the offending text
     */
    record Rejected(String reason, String detail) implements ParseResult {

        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public boolean isOk() {
            return false;
        }
    }
}
