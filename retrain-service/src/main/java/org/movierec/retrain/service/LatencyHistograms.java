package org.movierec.retrain.service;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Publishes latency histograms ({@code <name>_seconds_bucket}) for the request timers, so Prometheus computes
 * percentiles that aggregate across replicas ({@code histogram_quantile} over summed buckets), which the
 * client-side percentiles of one replica cannot. The buckets are fixed service-level boundaries rather than
 * Micrometer's ~70 default ones: a dozen series per tag combination, and the alerting thresholds in
 * {@code prometheus/rules/} (100 ms, 250 ms) are bucket boundaries, so their p99 comparisons are exact.
 * Quarkus picks up a {@link MeterFilter} bean and applies it before the first meter is registered.
 */
@Singleton
public class LatencyHistograms {

    /** The timers with buckets: Quarkus' HTTP server timer, and the service's own request timer where it has one. */
    static final Set<String> TIMERS = Set.of("http.server.requests");

    /** Bucket upper bounds, the same in every service (the recording rules rely on them). */
    static final double[] BOUNDS_SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    @Produces
    @Singleton
    MeterFilter latencyBuckets() {
        double[] nanos = new double[BOUNDS_SECONDS.length]; // a timer's boundaries are in nanoseconds
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = BOUNDS_SECONDS[i] * 1e9;
        }
        DistributionStatisticConfig buckets = DistributionStatisticConfig.builder()
                .serviceLevelObjectives(nanos).build();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return TIMERS.contains(id.getName()) ? buckets.merge(config) : config;
            }
        };
    }
}
