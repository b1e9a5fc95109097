package org.movierec.simulator.health;

import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.movierec.simulator.catalog.World;
import org.movierec.simulator.movielog.MovielogWriter;

/** Ready once the world is built (it is, by the time this bean exists) and Kafka answers for the topic. */
@Readiness
public class SimulatorReadinessCheck implements HealthCheck {

    @Inject
    World world;

    @Inject
    MovielogWriter writer;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("simulator")
                .status(writer.ready())
                .withData("users", world.userCount())
                .withData("movies", world.movieCount())
                .withData("kafka", writer.ready() ? "up" : "down")
                .build();
    }
}
