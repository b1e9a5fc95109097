package org.movierec.retrain.run;

import java.io.IOException;
import java.util.Optional;
import org.movierec.registry.ModelRegistry;
import org.movierec.retrain.evaluate.ProductionModel;

/** The production model from the registry (verified against its md5 as it loads). */
public record RegistryProduction(ModelRegistry registry) implements ProductionModel {

    @Override
    public Optional<Versioned> current() throws IOException {
        Optional<String> version = registry.productionVersion();
        if (version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Versioned(version.get(), registry.loadModel(version.get())));
    }
}
