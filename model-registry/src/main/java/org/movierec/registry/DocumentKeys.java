package org.movierec.registry;

import java.util.Map;

/**
 * Checks the keys of maps stored as sub-documents ({@code hyperparameters}, {@code metrics},
 * {@code lineage}). Merging updates address a key as {@code metrics.<key>}, so a key must not contain a
 * dot, must not start with {@code $} (an operator), and must not be empty or contain NUL.
 */
final class DocumentKeys {

    private DocumentKeys() {
    }

    /**
     * Checks every key of {@code map}, and that no value is null unless {@code nullValues}.
     *
     * @param what the map's name, for the message
     * @throws IllegalArgumentException naming the map and the offending key
     */
    static void check(String what, Map<String, ?> map, boolean nullValues) {
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            String key = entry.getKey();
            if (key == null || key.isEmpty() || key.indexOf('.') >= 0 || key.startsWith("$") || key.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(what + ": invalid key '" + key
                        + "' (must be non-empty, without '.', NUL or a leading '$')");
            }
            if (!nullValues && entry.getValue() == null) {
                throw new IllegalArgumentException(what + ": null value for key '" + key + "'");
            }
        }
    }
}
