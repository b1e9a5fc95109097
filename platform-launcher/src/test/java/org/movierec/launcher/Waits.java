package org.movierec.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polling until a condition holds, through Awaitility (the tests wait on real processes, never on fixed sleeps
 * alone), and the few deliberate pauses that let traffic run.
 */
final class Waits {

    private Waits() {
    }

    /**
     * Polls {@code condition} every 500 ms until it holds; a component that throws is taken as not there yet (it may
     * be restarting). After {@code timeout} fails with {@code what} and the last {@code state}.
     */
    static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> assertThat(condition.getAsBoolean())
                        .as(() -> what + " (state: " + state.get() + ")").isTrue());
    }

    /** Waits {@code d}: for the tests that let traffic run for a while, not to wait for a condition. */
    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
