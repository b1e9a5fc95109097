package org.movierec.telemetry.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one failure point left in the collector's code paths, for the drill of a failure of the consume loop itself
 * (not of a write): a test arms {@link Point#AFTER_POLL} and the next poll that returns records fails there, before
 * any of them is routed.
 *
 * <p>Why it stays while the others left: the crashes around the commit are made from outside now — right before
 * it by a deferred PostgreSQL trigger, right after it by a test-only CDI alternative of {@link BatchWriter}, and
 * in a real process by a kill at PostgreSQL's commit notification — but the consume loop has no seam a test can
 * replace: its Kafka consumer and record router are built by {@code Collector} itself, and every other bean it
 * calls inside an iteration fails as a write (counted as a database failure), which is what this drill must not be.
 */
@ApplicationScoped
public class CrashPoints {

    /** Where the consume loop can be made to fail. */
    public enum Point {
        /** Records were polled and not yet routed: a failure of the consume loop itself, not of a write. */
        AFTER_POLL
    }

    /** What an armed point throws. */
    public static final class SimulatedCrash extends RuntimeException {
        public SimulatedCrash(Point point) {
            super("simulated crash at " + point);
        }
    }

    private final AtomicReference<Point> armed = new AtomicReference<>();

    /** The next time the loop reaches {@code point} it fails there (once). */
    public void armOnce(Point point) {
        armed.set(point);
    }

    /** Whether an armed point has not been reached yet. */
    public boolean isArmed() {
        return armed.get() != null;
    }

    /**
     * Called at {@code point}: throws {@link SimulatedCrash} if it is armed (once).
     *
     * @param point where the caller is
     */
    public void reach(Point point) {
        if (armed.compareAndSet(point, null)) {
            throw new SimulatedCrash(point);
        }
    }
}
