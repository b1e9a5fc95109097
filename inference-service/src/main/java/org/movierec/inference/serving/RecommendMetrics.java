package org.movierec.inference.serving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The meters of {@code /recommend}: {@code recsys.recommend} (time to answer, by model version and whether the
 * answer was the popularity fallback, with p50/p95/p99 and the platform's latency buckets) and
 * {@code recsys.fallbacks{reason="unknown_user"}}, which exists (at 0) from start-up on. Timers are built once per
 * version, so recording allocates nothing.
 */
@Startup
@Singleton
public class RecommendMetrics {

    private final MeterRegistry registry;
    /** Per model version: the timer of answers from the model [0] and of fallbacks [1]. */
    private final Map<String, Timer[]> timers = new ConcurrentHashMap<>();
    private final Counter unknownUserFallbacks;

    RecommendMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.unknownUserFallbacks = registry.counter("recsys.fallbacks", "reason", "unknown_user");
    }

    /**
     * Records one answer.
     *
     * @param version the model version that answered
     * @param fallback whether the answer was the popularity fallback (a user the model does not know)
     * @param nanos time to answer
     */
    public void answered(String version, boolean fallback, long nanos) {
        timer(version, fallback).record(nanos, TimeUnit.NANOSECONDS);
        if (fallback) {
            unknownUserFallbacks.increment();
        }
    }

    private Timer timer(String version, boolean fallback) {
        return timers.computeIfAbsent(version, v -> new Timer[] {newTimer(v, false), newTimer(v, true)})[fallback ? 1 : 0];
    }

    private Timer newTimer(String version, boolean fallback) {
        return Timer.builder("recsys.recommend")
                .description("time to answer /recommend, by model version")
                .tag("version", version).tag("fallback", Boolean.toString(fallback))
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }
}
