package org.movierec.platform.loops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * The health of one background loop (a consumer, poller or publisher thread) and its restart backoff, published the
 * same way by every service so that one alert covers them all:
 *
 * <ul>
 *   <li>{@value #UP} ({@code movierec_background_loop_up{loop}}): 1 while the loop runs, 0 after a failure until
 *       it has run again, and 0 once stopped;</li>
 *   <li>{@value #RESTARTS} ({@code movierec_background_loop_restarts_total{loop}}): failures the loop survived by
 *       starting over.</li>
 * </ul>
 *
 * <p>A loop catches what its iteration throws, calls {@link #failed} (a WARN line with the cause, the counter, the
 * gauge to 0) and waits the returned backoff before it starts over; {@link #running} after a good iteration resets
 * the backoff. The backoff doubles from the initial wait up to the maximum. Why not let the thread end: a loop that
 * dies silently (the inference fold-in consumer once did, on any RuntimeException) stops a feature while every
 * probe stays green. Thread-safe.
 */
public final class LoopHealth {

    /** The gauge of a loop's liveness. */
    public static final String UP = "movierec.background.loop.up";
    /** The counter of a loop's restarts after failures. */
    public static final String RESTARTS = "movierec.background.loop.restarts";

    private static final System.Logger LOG = System.getLogger(LoopHealth.class.getName());

    private final String loop;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Counter restarts;
    private volatile boolean up;
    private volatile String lastFailure = "";
    private Duration backoff = Duration.ZERO;

    /**
     * For a loop run by a scheduler (Quarkus {@code @Scheduled}): the scheduler survives a failed run and its interval
     * is the wait, so {@link #failed} returns zero. Registers the loop's meters; down until the first {@link #running}.
     *
     * @param registry where the meters go
     * @param loop the {@code loop} tag, e.g. {@code experiments-poller}
     */
    public LoopHealth(MeterRegistry registry, String loop) {
        this(registry, loop, null, null, null);
    }

    /**
     * Registers the loop's meters; the loop starts down until its first {@link #running}.
     *
     * @param registry where the meters go
     * @param loop the {@code loop} tag, e.g. {@code rating-consumer}
     * @param initialBackoff the first wait after a failure (positive)
     * @param maxBackoff the longest wait (at least {@code initialBackoff})
     * @throws IllegalArgumentException if a backoff is not positive or the maximum is below the initial one
     */
    public LoopHealth(MeterRegistry registry, String loop, Duration initialBackoff, Duration maxBackoff) {
        this(registry, loop, initialBackoff, maxBackoff, checkBackoff(initialBackoff, maxBackoff));
    }

    /** {@code checked} only makes the argument check run before anything is registered. */
    private LoopHealth(MeterRegistry registry, String loop, Duration initialBackoff, Duration maxBackoff, Void checked) {
        this.loop = loop;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.restarts = Counter.builder(RESTARTS).tag("loop", loop)
                .description("Failures a background loop survived by starting over").register(registry);
        Gauge.builder(UP, this, h -> h.up ? 1 : 0).tag("loop", loop)
                .description("1 while the background loop runs, 0 after a failure or once stopped").register(registry);
    }

    /** The loop's name (its {@code loop} tag). */
    public String loop() {
        return loop;
    }

    /** Marks a good iteration: the loop is up and the next failure waits the initial backoff. */
    public synchronized void running() {
        up = true;
        backoff = Duration.ZERO;
    }

    /**
     * Records a failure the loop survives: logs it at WARN with its cause, counts a restart, marks the loop down.
     *
     * @param cause what the iteration threw
     * @return how long to wait before starting over (doubling per consecutive failure, capped; zero for a scheduled loop)
     */
    public Duration failed(Throwable cause) {
        return failed("failed", cause);
    }

    /**
     * Records a failure the loop survives, as {@link #failed(Throwable)}, saying what it means in the log line.
     *
     * @param what what failed and what holds meanwhile, e.g. "experiments not read, the routing in force stays"
     * @param cause what the iteration threw
     * @return how long to wait before starting over (zero for a scheduled loop)
     */
    public synchronized Duration failed(String what, Throwable cause) {
        up = false;
        restarts.increment();
        lastFailure = String.valueOf(cause);
        if (initialBackoff != null) {
            backoff = backoff.isZero() ? initialBackoff : min(backoff.multipliedBy(2), maxBackoff);
        }
        // The cause's text at WARN (a failing dependency repeats it every interval); its stack trace at DEBUG.
        LOG.log(System.Logger.Level.WARNING, "background loop " + loop + ": " + what + " (restart "
                + (long) restarts.count() + "): " + cause);
        LOG.log(System.Logger.Level.DEBUG, "background loop " + loop + " failure", cause);
        return backoff;
    }

    /** Marks the loop stopped for good (shutdown). */
    public void stopped() {
        up = false;
    }

    /** Whether the loop runs (its last iteration succeeded). */
    public boolean isUp() {
        return up;
    }

    /** Restarts since start. */
    public long restarts() {
        return (long) restarts.count();
    }

    /** The last failure survived, or empty. */
    public String lastFailure() {
        return lastFailure;
    }

    private static Void checkBackoff(Duration initialBackoff, Duration maxBackoff) {
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be 0 < initial (" + initialBackoff + ") <= max (" + maxBackoff + ")");
        }
        return null;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
