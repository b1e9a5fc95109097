package org.movierec.launcher;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling until a condition holds (the tests wait on real processes, never on fixed sleeps alone). */
final class Waits {

    private Waits() {
    }

    /** Polls {@code condition} every 500 ms; fails with {@code what} and the last state after {@code timeout}. */
    static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // the component may be restarting: try again until the deadline
            }
            pause(Duration.ofMillis(500));
        }
        throw new AssertionError("not within " + timeout + ": " + what + " (state: " + state.get() + ")");
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
