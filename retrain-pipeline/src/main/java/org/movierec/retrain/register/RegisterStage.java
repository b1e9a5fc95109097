package org.movierec.retrain.register;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.registry.ModelRegistry;
import org.movierec.registry.ModelVersion;
import org.movierec.retrain.RunLayout;

/**
 * Stage 6, register: the model file into the registry as a new candidate version, with its metrics and
 * lineage, in one {@link ModelRegistry#register(Path, Map, Map, Map)} call (artifact first, metadata last: a
 * crash leaves no half-registered version); output {@link RunLayout#REGISTERED}.
 */
public final class RegisterStage {

    private RegisterStage() {
    }

    /** Registers the model file of {@code layout}. */
    public static ModelVersion register(ModelRegistry registry, RunLayout layout, Map<String, String> hyperparameters,
                                        Map<String, Double> metrics, Map<String, Object> lineage) throws IOException {
        return registry.register(layout.path(RunLayout.MODEL), hyperparameters, metrics, lineage);
    }

    public static void write(ModelVersion version, RunLayout layout) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version.version());
        m.put("md5", version.md5());
        m.put("size", version.size());
        m.put("createdAt", version.createdAt().toString());
        layout.writeJson(RunLayout.REGISTERED, m);
    }

    /** The version id in {@code registered.json}. */
    public static String readVersion(RunLayout layout) throws IOException {
        return String.valueOf(layout.readJson(RunLayout.REGISTERED).get("version"));
    }
}
