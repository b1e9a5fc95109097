package org.movierec.platform.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives every service that depends on this module the platform's latency buckets ({@link LatencyHistograms}) on
 * {@code http.server.requests} and on the timers its {@code movierec.metrics.latency-histogram-timers} key names
 * (e.g. {@code recsys.recommend} in inference). Quarkus applies a produced {@link MeterFilter} before the first
 * meter is registered.
 */
@Singleton
public class LatencyBucketsProducer {

    @Produces
    @Singleton
    MeterFilter latencyBuckets(
            @ConfigProperty(name = "movierec.metrics.latency-histogram-timers") Optional<List<String>> ownTimers) {
        return LatencyHistograms.forHttpServerAnd(ownTimers.orElse(List.of()).toArray(String[]::new));
    }

    /** Unknown HTTP method names become {@code OTHER} on {@code http.server.requests} ({@link HttpMethodTag}). */
    @Produces
    @Singleton
    MeterFilter httpMethods() {
        return new HttpMethodTag();
    }
}
