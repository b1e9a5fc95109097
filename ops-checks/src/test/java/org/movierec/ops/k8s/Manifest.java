package org.movierec.ops.k8s;

import java.util.List;
import java.util.Map;

/**
 * One rendered Kubernetes object as parsed YAML, with the few accessors the tests need: nested fields by path
 * (absent is {@code null}, never an exception: the tests assert on it).
 *
 * @param fields the object's top-level fields
 */
record Manifest(Map<String, Object> fields) {

    /** The objects of one render. */
    static List<Manifest> of(List<Map<String, Object>> rendered) {
        return rendered.stream().map(Manifest::new).toList();
    }

    String kind() {
        return (String) fields.get("kind");
    }

    String apiVersion() {
        return (String) fields.get("apiVersion");
    }

    String name() {
        return (String) get("metadata", "name");
    }

    /** kind/name, for messages. */
    String id() {
        return kind() + "/" + name();
    }

    /**
     * A nested field: each key descends one map level.
     *
     * @param path the keys
     * @return the value, or null when any level is absent or not a map
     */
    Object get(String... path) {
        return at(fields, path);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String... path) {
        Object value = get(path);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(String... path) {
        Object value = get(path);
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    /** The same lookup in any parsed map. */
    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> map, String... path) {
        Object current = map;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = ((Map<String, Object>) m).get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mapAt(Map<String, Object> map, String... path) {
        Object value = at(map, path);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> listAt(Map<String, Object> map, String... path) {
        Object value = at(map, path);
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }
}
