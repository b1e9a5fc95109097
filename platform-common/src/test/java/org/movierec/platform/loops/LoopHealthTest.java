package org.movierec.platform.loops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoopHealthTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final LoopHealth health = new LoopHealth(registry, "rating-consumer", Duration.ofMillis(100), Duration.ofMillis(350));

    double up() {
        return registry.get(LoopHealth.UP).tag("loop", "rating-consumer").gauge().value();
    }

    double restarts() {
        return registry.get(LoopHealth.RESTARTS).tag("loop", "rating-consumer").counter().count();
    }

    @Test
    void downUntilItRunsThenDownAfterEachFailureWithADoublingCappedBackoff() {
        assertThat(up()).isZero();
        health.running();
        assertThat(up()).isEqualTo(1);

        assertThat(health.failed(new IllegalStateException("boom"))).isEqualTo(Duration.ofMillis(100));
        assertThat(up()).isZero();
        assertThat(health.failed(new IllegalStateException("boom"))).isEqualTo(Duration.ofMillis(200));
        assertThat(health.failed(new IllegalStateException("boom"))).isEqualTo(Duration.ofMillis(350));
        assertThat(health.failed(new IllegalStateException("boom"))).isEqualTo(Duration.ofMillis(350));
        assertThat(restarts()).isEqualTo(4);
        assertThat(health.lastFailure()).isEqualTo("java.lang.IllegalStateException: boom");

        health.running();
        assertThat(up()).isEqualTo(1);
        assertThat(health.failed(new RuntimeException())).as("reset by a good iteration").isEqualTo(Duration.ofMillis(100));
        health.stopped();
        assertThat(up()).isZero();
    }

    @Test
    void aScheduledLoopWaitsForItsSchedulerNotABackoff() {
        LoopHealth poller = new LoopHealth(registry, "experiments-poller");
        assertThat(poller.failed("experiments not read", new IllegalStateException("down"))).isZero();
        assertThat(registry.get(LoopHealth.RESTARTS).tag("loop", "experiments-poller").counter().count()).isEqualTo(1);
        poller.running();
        assertThat(registry.get(LoopHealth.UP).tag("loop", "experiments-poller").gauge().value()).isEqualTo(1);
    }

    @Test
    void rejectsABackoffThatCannotWork() {
        assertThatThrownBy(() -> new LoopHealth(registry, "x", Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoopHealth(registry, "y", Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
