package org.movierec.retrain.params;

import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.retrain.dvc.Yaml12;

/**
 * Writes parameters as a nested {@code params.yaml} (what a run keeps next to its {@code dvc.lock}), quoting by
 * YAML 1.2 as DVC reads it ({@link Yaml12}).
 */
public final class ParamsYaml {

    private ParamsYaml() {
    }

    /** The YAML text of {@code params}, sections nested, in key order. */
    public static String text(RetrainParams params) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : params.values().entrySet()) {
            String[] parts = e.getKey().split("\\.", 2);
            @SuppressWarnings("unchecked")
            Map<String, Object> section = (Map<String, Object>) root.computeIfAbsent(parts[0], k -> new LinkedHashMap<String, Object>());
            section.put(parts[1], e.getValue());
        }
        return Yaml12.dumper().dump(root);
    }
}
