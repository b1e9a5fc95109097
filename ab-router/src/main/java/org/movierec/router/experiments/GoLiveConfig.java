package org.movierec.router.experiments;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * When a new experiment goes live ({@code router.experiments.*}; the default is written once, in
 * application.properties, env-var overridable).
 */
@ConfigMapping(prefix = "router.experiments")
public interface GoLiveConfig {

    /**
     * How recent an inference replica's heartbeat must be for the router to wait for it
     * ({@code ROUTER_EXPERIMENTS_REPLICA_FRESHNESS}); an older one is a replica that stopped. Three of inference's
     * check intervals ({@code inference.reload-interval}, 10 s): a replica that missed two checks is not waited for.
     */
    Duration replicaFreshness();
}
