package org.movierec.inference.health;

import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.movierec.inference.models.ModelStore;
import org.movierec.inference.models.ServingSnapshot;

/** Ready once a model is loaded; liveness is not tied to models, so a replica without one is not restarted. */
@Readiness
public class ModelReadinessCheck implements HealthCheck {

    @Inject
    ModelStore store;

    @Override
    public HealthCheckResponse call() {
        ServingSnapshot s = store.current();
        return HealthCheckResponse.named("models")
                .status(!s.isEmpty())
                .withData("loaded", String.join(",", s.models().keySet()))
                .withData("production", s.production() == null ? "none" : s.production())
                .build();
    }
}
