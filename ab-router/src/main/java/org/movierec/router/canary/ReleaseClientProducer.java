package org.movierec.router.canary;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.movierec.registry.release.ReleaseClient;
import org.movierec.router.RouterConfig;

/**
 * The client of retrain-service's release API ({@code router.retrain-url}, {@code router.retrain-admin-token}):
 * a canary that passed asks it to promote, since retrain-service is the one writer of the production pointer.
 * 30 s per call: a release loads the model before it switches the pointer.
 */
public class ReleaseClientProducer {

    @Produces
    @Singleton
    ReleaseClient releaseClient(RouterConfig config) {
        return new ReleaseClient(config.retrainUrl(), config.retrainAdminToken().orElse(null), Duration.ofSeconds(30));
    }
}
