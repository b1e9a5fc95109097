package org.movierec.telemetry.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;
import org.movierec.telemetry.TelemetryConfig;

/**
 * Failure points of the batch write and of the consume loop, for fault drills: a test arms one and the next write
 * (or poll) fails there as a crash would, deterministically. {@link Point#AFTER_COMMIT} is the nastiest moment: the rows and offsets are committed
 * but nothing else happened (no Kafka commit, no counters, no cache updates).
 *
 * <p>{@code telemetry.crash.halt-after-commits=N} (tests of a real process only) halts the JVM with exit code 137,
 * like {@code kill -9}, right after the N-th committed batch.
 */
@ApplicationScoped
public class CrashPoints {

    /** Where a write can be made to fail. */
    public enum Point {
        /** All statements ran, the transaction is not committed. */
        BEFORE_COMMIT,
        /** The transaction is committed; nothing after it has run. */
        AFTER_COMMIT,
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
    private final long haltAfterCommits;
    private long commits;

    public CrashPoints(TelemetryConfig config) {
        this.haltAfterCommits = config.crash().haltAfterCommits();
    }

    /** The next write that reaches {@code point} fails there (once). */
    public void armOnce(Point point) {
        armed.set(point);
    }

    /** Whether an armed point has not been reached yet. */
    public boolean isArmed() {
        return armed.get() != null;
    }

    /**
     * Called at {@code point}: throws {@link SimulatedCrash} if it is armed (once), and halts the JVM after the
     * configured number of commits.
     *
     * @param point where the caller is
     */
    public void reach(Point point) {
        if (point == Point.AFTER_COMMIT && haltAfterCommits > 0 && ++commits >= haltAfterCommits) {
            Runtime.getRuntime().halt(137);
        }
        if (armed.compareAndSet(point, null)) {
            throw new SimulatedCrash(point);
        }
    }
}
