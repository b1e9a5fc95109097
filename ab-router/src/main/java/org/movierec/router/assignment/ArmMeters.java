package org.movierec.router.assignment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.movierec.router.fallback.FallbackReason;

/**
 * The counters of one routed arm, looked up once when the routing table is built, never per request:
 * {@code router.requests}, {@code router.assignments} (by source: bucket or override),
 * {@code router.retries} and {@code router.fallbacks} (by reason), each tagged with experiment and arm
 * ({@code none} without an experiment).
 */
public final class ArmMeters {

    private final Counter requests;
    private final Counter byBucket;
    private final Counter byOverride;
    private final Counter retries;
    private final Map<FallbackReason, Counter> fallbacks = new EnumMap<>(FallbackReason.class);

    /** The meters of {@code arm} of {@code experiment} in {@code registry}. */
    public ArmMeters(MeterRegistry registry, String experiment, String arm) {
        requests = Counter.builder("router.requests").description("requests routed, by experiment and arm")
                .tag("experiment", experiment).tag("arm", arm).register(registry);
        byBucket = assignments(registry, experiment, arm, "bucket");
        byOverride = assignments(registry, experiment, arm, "override");
        retries = Counter.builder("router.retries").description("upstream calls retried on the control arm")
                .tag("experiment", experiment).tag("arm", arm).register(registry);
        for (FallbackReason reason : FallbackReason.values()) {
            fallbacks.put(reason, Counter.builder("router.fallbacks")
                    .description("answers from the router's popularity list, by reason")
                    .tag("experiment", experiment).tag("arm", arm).tag("reason", reason.tag()).register(registry));
        }
    }

    private static Counter assignments(MeterRegistry registry, String experiment, String arm, String source) {
        return Counter.builder("router.assignments").description("users assigned to an arm, by hash bucket or override")
                .tag("experiment", experiment).tag("arm", arm).tag("source", source).register(registry);
    }

    /** Counts a request routed to this arm, assigned by override or by bucket. */
    public void routed(boolean override) {
        requests.increment();
        (override ? byOverride : byBucket).increment();
    }

    /** Counts a retry of a request of this arm. */
    public void retried() {
        retries.increment();
    }

    /** Counts a fallback of a request of this arm. */
    public void fellBack(FallbackReason reason) {
        fallbacks.get(reason).increment();
    }
}
