package org.movierec.simulator.traffic;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of the live traffic since start, read by {@code GET /admin/status} and exported as
 * {@code simulator.sessions}, {@code simulator.watches}, {@code simulator.ratings},
 * {@code simulator.sessions.skipped}, {@code simulator.requests{status}} and the
 * {@code simulator.request.latency} timer.
 */
public final class TrafficStats {

    private final LongAdder sessions = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder failedRequests = new LongAdder();
    private final LongAdder watches = new LongAdder();
    private final LongAdder ratings = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final MeterRegistry registry;
    private final Timer latency;
    private final Map<Integer, Counter> byStatus = new ConcurrentHashMap<>();

    public TrafficStats(MeterRegistry registry) {
        this.registry = registry;
        FunctionCounter.builder("simulator.sessions", sessions, LongAdder::sum)
                .description("sessions played").register(registry);
        FunctionCounter.builder("simulator.watches", watches, LongAdder::sum)
                .description("sessions in which the user watched a recommended movie").register(registry);
        FunctionCounter.builder("simulator.ratings", ratings, LongAdder::sum)
                .description("ratings written by live sessions").register(registry);
        FunctionCounter.builder("simulator.sessions.skipped", skipped, LongAdder::sum)
                .description("sessions not opened because too many were in flight").register(registry);
        latency = Timer.builder("simulator.request.latency")
                .description("latency of GET /recommend as the simulated client saw it")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }

    /** Records a played session. */
    public void record(RouterAnswer answer, SessionOutcome outcome) {
        sessions.increment();
        requests.increment();
        if (!answer.succeeded()) {
            failedRequests.increment();
        }
        byStatus.computeIfAbsent(answer.status(),
                s -> registry.counter("simulator.requests", "status", Integer.toString(s))).increment();
        latency.record(answer.latencyMs(), TimeUnit.MILLISECONDS);
        if (outcome.watched()) {
            watches.increment();
        }
        ratings.add(outcome.ratings());
    }

    /** Records a session not opened because too many were in flight. */
    public void skipped() {
        skipped.increment();
    }

    public long sessions() {
        return sessions.sum();
    }

    public long requests() {
        return requests.sum();
    }

    public long failedRequests() {
        return failedRequests.sum();
    }

    public long watches() {
        return watches.sum();
    }

    public long ratings() {
        return ratings.sum();
    }

    public long skippedSessions() {
        return skipped.sum();
    }
}
