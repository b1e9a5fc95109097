package org.movierec.retrain.params;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.retrain.dvc.Yaml12;

/**
 * A {@code params.yaml} read as DVC reads it: by YAML 1.2 ({@link Yaml12}: DVC reads params files with
 * ruamel.yaml, whose default is YAML 1.2), nested sections flattened to dotted keys ({@code train.factors}), in
 * file order. So {@code epochs: 040} is 40 here and in the {@code dvc.lock} DVC writes, not YAML 1.1's octal 32;
 * {@code yes}/{@code on} are strings (a parameter that needs a number or a boolean then fails its own check,
 * naming the key), {@code 1:30} is a string, {@code 1e3} is a float.
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
            Object root = Yaml12.loader().load(in);
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
