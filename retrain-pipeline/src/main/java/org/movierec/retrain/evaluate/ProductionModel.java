package org.movierec.retrain.evaluate;

import java.io.IOException;
import java.util.Optional;
import org.movierec.core.model.SvdModel;

/** Where the current production model comes from (the registry, or nowhere). */
public interface ProductionModel {

    /** No production model: the first candidate has nothing to be compared with. */
    ProductionModel NONE = () -> Optional.empty();

    /** The production version and its model, if there is one. */
    Optional<Versioned> current() throws IOException;

    /** A model with its version id. */
    record Versioned(String version, SvdModel model) {
    }
}
