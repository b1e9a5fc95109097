package org.movierec.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Publishes latency histograms ({@code <name>_seconds_bucket}) for a service's request timers, so Prometheus
 * computes percentiles that aggregate across replicas ({@code histogram_quantile} over summed buckets), which the
 * client-side percentiles of one replica cannot. The buckets are fixed service-level boundaries rather than
 * Micrometer's ~70 default ones: a dozen series per tag combination, and the alerting thresholds in
 * {@code prometheus/rules/} (100 ms, 250 ms) are bucket boundaries, so their p99 comparisons are exact.
 *
 * <p>Each service produces one as a {@code MeterFilter} bean naming its timers; Quarkus applies such a bean before
 * the first meter is registered.
 */
public final class LatencyHistograms implements MeterFilter {

    /** Quarkus' HTTP server timer, which every service has. */
    public static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    /** Bucket upper bounds in seconds, the same in every service (the recording rules rely on them). */
    static final double[] BOUNDS_SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Set<String> timers;
    private final DistributionStatisticConfig buckets;

    private LatencyHistograms(Set<String> timers) {
        this.timers = timers;
        double[] nanos = new double[BOUNDS_SECONDS.length]; // a timer's boundaries are in nanoseconds
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = BOUNDS_SECONDS[i] * 1e9;
        }
        this.buckets = DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build();
    }

    /**
     * The filter for {@value #HTTP_SERVER_REQUESTS} and the service's own request timers.
     *
     * @param ownTimers the names of the service's timers that get buckets too (none is fine)
     * @return a filter that adds the buckets to those timers and leaves every other meter as it is
     */
    public static LatencyHistograms forHttpServerAnd(String... ownTimers) {
        Set<String> timers = new HashSet<>(List.of(ownTimers));
        timers.add(HTTP_SERVER_REQUESTS);
        return new LatencyHistograms(Set.copyOf(timers));
    }

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        return timers.contains(id.getName()) ? buckets.merge(config) : config;
    }
}
