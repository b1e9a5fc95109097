package org.movierec.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.movierec.core.data.RatingScale;

/**
 * The header of a model file: everything about a model except its id tables and arrays, as returned by
 * {@link ModelFile#readInfo(java.nio.file.Path)} without loading the model. A registry or an operator
 * can list and compare model versions with it cheaply.
 *
 * @param formatVersion   the file's format version ({@link ModelFile#FORMAT_VERSION} for SVD++ models this build
 *                        writes, {@link ModelFile#EXPLICIT_FORMAT_VERSION} for explicit-only ones)
 * @param factors         rank of the factor vectors
 * @param users           number of users (rows of the user factor matrix)
 * @param items           number of items (rows of the item factor matrix)
 * @param globalMean      the model's global mean rating μ
 * @param scale           the rating scale predictions are clipped to
 * @param hyperparameters training hyperparameters, in file order, read-only
 * @param metadata        free training metadata, in file order, read-only
 */
public record ModelInfo(int formatVersion, int factors, int users, int items, float globalMean,
                        RatingScale scale, Map<String, String> hyperparameters, Map<String, String> metadata) {

    public ModelInfo {
        Objects.requireNonNull(scale, "scale");
        hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The header that {@link ModelFile#write(SvdModel, java.io.OutputStream)} writes for {@code model}. */
    public static ModelInfo of(SvdModel model) {
        return new ModelInfo(ModelFile.formatVersionOf(model), model.factors(), model.users().size(), model.items().size(),
                model.globalMean(), model.scale(), model.hyperparameters(), model.metadata());
    }
}
