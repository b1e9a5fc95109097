package org.movierec.telemetry.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The time of each write statement, as {@code telemetry.db.statement{statement=name}}. */
@ApplicationScoped
public class StatementTimers {

    @Inject
    MeterRegistry registry;

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /** Records {@code nanos} for the statement called {@code name}. */
    void record(String name, long nanos) {
        timers.computeIfAbsent(name, n -> Timer.builder("telemetry.db.statement").tag("statement", n).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
