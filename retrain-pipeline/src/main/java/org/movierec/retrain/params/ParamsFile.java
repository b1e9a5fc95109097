package org.movierec.retrain.params;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A {@code params.yaml} read as DVC reads it: nested sections flattened to dotted keys
 * ({@code train.factors}), in file order.
 */
public final class ParamsFile {

    private ParamsFile() {
    }

    /**
     * The file's values by dotted key.
     *
     * @throws IllegalArgumentException if it is not a YAML mapping
     */
    public static Map<String, Object> load(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (!(root instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(file + ": expected a YAML mapping at the top");
            }
            Map<String, Object> flat = new LinkedHashMap<>();
            flatten("", map, flat);
            return flat;
        }
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> into) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, into);
            } else {
                into.put(key, e.getValue());
            }
        }
    }
}
