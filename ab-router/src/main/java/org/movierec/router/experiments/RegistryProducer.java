package org.movierec.router.experiments;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.movierec.registry.ModelRegistry;

/** The model registry on the router's MongoDB database (created on first use). */
public class RegistryProducer {

    @Produces
    @Singleton
    ModelRegistry registry(ExperimentStore store) {
        return new ModelRegistry(store.database());
    }
}
