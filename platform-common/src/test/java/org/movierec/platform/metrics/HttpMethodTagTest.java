package org.movierec.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class HttpMethodTagTest {

    @Test
    void unknownMethodsShareOneSeriesAndKnownOnesKeepTheirName() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new HttpMethodTag());

        for (String method : new String[] {"FOO", "PROPFIND", "get", "GET", "PATCH"}) {
            Timer.builder("http.server.requests").tag("method", method).tag("uri", "/x").register(registry);
        }
        Timer.builder("other.timer").tag("method", "FOO").register(registry);

        assertThat(registry.find("http.server.requests").timers()).extracting(t -> t.getId().getTag("method"))
                .containsExactlyInAnyOrder("OTHER", "GET", "PATCH");
        assertThat(registry.find("other.timer").tag("method", "FOO").timer()).isNotNull();
    }
}
