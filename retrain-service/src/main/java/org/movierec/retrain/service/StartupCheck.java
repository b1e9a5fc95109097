package org.movierec.retrain.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Path;
import org.movierec.retrain.params.RetrainParams;
import org.movierec.retrain.promote.PromotionMode;

/**
 * Checks the configuration that needs no other service at start-up, so that a bad {@code params.yaml} or
 * promotion mode stops the service at once instead of failing the first run. MongoDB is not needed to start:
 * readiness reports it.
 */
@ApplicationScoped
public class StartupCheck {

    void check(@Observes StartupEvent event, RetrainConfig config) throws IOException {
        PromotionMode.parse(config.promotion());
        if (config.paramsFile().isPresent()) {
            RetrainParams.load(Path.of(config.paramsFile().get()));
        }
    }
}
