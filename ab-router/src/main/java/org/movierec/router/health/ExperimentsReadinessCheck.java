package org.movierec.router.health;

import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.movierec.router.assignment.CurrentRouting;
import org.movierec.router.assignment.RoutingTable;

/**
 * Ready once the experiments have been read from MongoDB at least once: before that the router cannot
 * know which arm a user belongs to. Liveness is not tied to it.
 */
@Readiness
public class ExperimentsReadinessCheck implements HealthCheck {

    @Inject
    CurrentRouting routing;

    @Override
    public HealthCheckResponse call() {
        RoutingTable table = routing.table();
        return HealthCheckResponse.named("experiments")
                .status(routing.loaded())
                .withData("running", table.experiment() == null ? "none" : table.experiment().id())
                .build();
    }
}
