package org.movierec.telemetry.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The range of event times the collector stores: not later than the clock plus a skew, not earlier than a floor.
 *
 * <p>Why: a rating stamped {@code 2099-01-01} is the "latest" rating of its pair forever, so every later real
 * rating of that pair is hidden from {@code ratings} and from retraining; a time like {@code 0000-01-01} is no
 * event of this platform either. Such lines are grammatical, so {@code MovielogParser} (recsys-core) accepts
 * them: the parser owns the grammar and stays free of clocks and policy, and this check is the collector's
 * policy, applied after parsing to {@code movielog} lines and {@code recsys.served} events alike. The skew
 * allows for producers whose clocks run a little ahead of the collector's; the floor defaults to 1995, the
 * year of the earliest MovieLens rating.
 *
 * <p>Immutable and thread-safe; the clock is injected so that tests can fix "now".
 */
public final class EventTimeBounds {

    /** The reason of an event time later than now plus the allowed skew. */
    public static final String TIME_IN_FUTURE = "time_in_future";
    /** The reason of an event time earlier than the floor. */
    public static final String TIME_BEFORE_FLOOR = "time_before_floor";

    /** Why a time is outside the bounds: a reason key for the dead letter and its counter, and a detail. */
    public record Violation(String reason, String detail) {
    }

    private final Clock clock;
    private final Duration maxSkew;
    private final Instant floor;

    /**
     * @param clock "now"
     * @param maxSkew how far after now an event time may be (not negative)
     * @param floor the earliest event time accepted
     * @throws IllegalArgumentException if an argument is null or the skew negative
     */
    public EventTimeBounds(Clock clock, Duration maxSkew, Instant floor) {
        if (clock == null || maxSkew == null || floor == null) {
            throw new IllegalArgumentException("clock, maxSkew and floor are required");
        }
        if (maxSkew.isNegative()) {
            throw new IllegalArgumentException("maxSkew is negative: " + maxSkew);
        }
        this.clock = clock;
        this.maxSkew = maxSkew;
        this.floor = floor;
    }

    /**
     * Checks one event time.
     *
     * @param time the event's time as an instant
     * @return the violation, or empty when the time is within the bounds
     */
    public Optional<Violation> check(Instant time) {
        if (time.isBefore(floor)) {
            return Optional.of(new Violation(TIME_BEFORE_FLOOR, "event time " + time + " is before the floor " + floor));
        }
        Instant latest = clock.instant().plus(maxSkew);
        if (time.isAfter(latest)) {
            return Optional.of(new Violation(TIME_IN_FUTURE, "event time " + time + " is after now plus "
                    + maxSkew + " (" + latest + ")"));
        }
        return Optional.empty();
    }
}
