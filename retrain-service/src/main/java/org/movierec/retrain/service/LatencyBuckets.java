package org.movierec.retrain.service;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.movierec.platform.metrics.LatencyHistograms;

/** The platform's latency buckets on this service's request timers (see {@link LatencyHistograms}). */
@Singleton
public class LatencyBuckets {

    @Produces
    @Singleton
    MeterFilter latencyBuckets() {
        return LatencyHistograms.forHttpServerAnd();
    }
}
