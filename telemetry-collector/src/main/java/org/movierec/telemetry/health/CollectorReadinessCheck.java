package org.movierec.telemetry.health;

import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.movierec.telemetry.ingest.Collector;

/**
 * Ready while the collector consumes and writes: not before its partitions are assigned and positioned, and not
 * while a write or a position read is being retried (PostgreSQL down, for one).
 */
@Readiness
public class CollectorReadinessCheck implements HealthCheck {

    @Inject
    Collector collector;

    @Override
    public HealthCheckResponse call() {
        Collector.State state = collector.state();
        return HealthCheckResponse.named("collector")
                .status(state == Collector.State.RUNNING)
                .withData("state", state.name())
                .withData("committedBatches", collector.committedBatches())
                .withData("lag", collector.lag().toString())
                .withData("lastError", collector.lastError())
                .build();
    }
}
