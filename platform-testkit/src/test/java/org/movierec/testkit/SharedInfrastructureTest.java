package org.movierec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SharedInfrastructureTest {

    @Test
    void startsOncePerJvmAndPublishesTheConfig() {
        String name = "fake-" + UUID.randomUUID();
        AtomicInteger starts = new AtomicInteger();
        Map<String, String> config = Map.of("some.url", "tcp://127.0.0.1:1", "some.user", "u");

        Map<String, String> first = SharedInfrastructure.configOf(name, () -> {
            starts.incrementAndGet();
            return new SharedInfrastructure.Started(() -> { }, config);
        });
        Map<String, String> second = SharedInfrastructure.configOf(name, () -> {
            starts.incrementAndGet();
            return new SharedInfrastructure.Started(() -> { }, Map.of());
        });

        assertThat(starts).hasValue(1);
        assertThat(first).isEqualTo(config);
        assertThat(second).isEqualTo(config);
        assertThat(System.getProperty("movierec.testkit.shared." + name + ".some.url")).isEqualTo("tcp://127.0.0.1:1");
    }
}
