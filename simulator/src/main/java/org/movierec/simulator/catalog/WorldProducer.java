package org.movierec.simulator.catalog;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.movierec.simulator.SimulatorConfig;

/** Builds the one {@link World} of the application from the configuration. */
public class WorldProducer {

    private static final Logger LOG = Logger.getLogger(WorldProducer.class);

    @Produces
    @Singleton
    World world(SimulatorConfig config) {
        long start = System.nanoTime();
        World world = World.build(new WorldSpec(config.seed(), config.users(), config.movies(), config.noiseStd(),
                config.bootstrap().ratings(), config.bootstrap().days(), config.nonRaterFraction(),
                config.selectionTilt()));
        LOG.infof("world built in %d ms: %d users, %d movies, seed %d", (System.nanoTime() - start) / 1_000_000,
                world.userCount(), world.movieCount(), config.seed());
        return world;
    }
}
