package org.movierec.router.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import org.movierec.router.RouterJson;

/**
 * A JSON request body of the admin API, read strictly: every problem (not JSON, unknown field, missing
 * field, wrong type) is collected in words an operator can act on, and {@link #check()} throws them all
 * as one 400.
 *
 * <p>Jackson parses ({@link RouterJson}: duplicate keys and trailing text rejected); the fields are then
 * checked here rather than bound to records with {@code FAIL_ON_UNKNOWN_PROPERTIES}, because binding
 * stops at the first problem while the admin API answers every problem of a change at once (an unknown
 * field next to a duplicate arm name, up to twenty listed), each in the words operators and tests know.
 */
final class RequestBody {

    private final Map<String, Object> fields;
    private final List<String> problems = new ArrayList<>();

    private RequestBody(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** Parses {@code text} as a JSON object with only {@code allowed} fields. */
    static RequestBody parse(String text, List<String> allowed) {
        if (text == null || text.isBlank()) {
            throw new InvalidChangeException("the request needs a JSON object body");
        }
        JsonNode parsed;
        try {
            parsed = RouterJson.read(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidChangeException("the body is not a JSON object: " + e.getMessage());
        }
        if (!parsed.isObject()) {
            throw new InvalidChangeException("the body is not a JSON object: JSON: expected an object, got "
                    + typeName(RouterJson.plain(parsed)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) RouterJson.plain(parsed);
        RequestBody body = new RequestBody(fields);
        for (String field : fields.keySet()) {
            if (!allowed.contains(field)) {
                body.problems.add("unknown field '" + field + "' (allowed: " + String.join(", ", allowed) + ")");
            }
        }
        return body;
    }

    /** The problems found so far; add more with {@link #problem(String)}. */
    List<String> problems() {
        return problems;
    }

    void problem(String problem) {
        problems.add(problem);
    }

    /** Throws every problem found as one {@link InvalidChangeException}. */
    void check() {
        if (!problems.isEmpty()) {
            throw new InvalidChangeException(problems);
        }
    }

    /** The parsed value of {@code field} (Jackson's plain form), or null. */
    Object raw(String field) {
        return fields.get(field);
    }

    boolean has(String field) {
        return fields.get(field) != null;
    }

    /** A non-blank string field; null (and a problem) if absent or not one. */
    String string(String field, boolean required) {
        Object value = fields.get(field);
        if (value == null) {
            if (required) {
                problems.add("'" + field + "' is required");
            }
            return null;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            problems.add("'" + field + "' must be a non-empty string");
            return null;
        }
        return s;
    }

    /** A list field; empty (and a problem) if absent or not an array. */
    List<?> list(String field, boolean required) {
        Object value = fields.get(field);
        if (value == null) {
            if (required) {
                problems.add("'" + field + "' is required");
            }
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problems.add("'" + field + "' must be an array");
            return List.of();
        }
        return list;
    }

    /** An object field; empty (and a problem) if absent or not an object. */
    Map<String, Object> object(String field, boolean required) {
        return asObject(fields.get(field), "'" + field + "'", required);
    }

    /** {@code value} as an object; empty (and a problem) if null or not an object. */
    Map<String, Object> asObject(Object value, String what, boolean required) {
        if (value == null) {
            if (required) {
                problems.add(what + " is required");
            }
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(what + " must be a JSON object");
            return Map.of();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put((String) k, v));
        return result;
    }

    /** {@code value} as a whole percentage 0..100; null (and a problem) otherwise. */
    Integer percent(Object value, String what) {
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 0
                && ((Number) value).longValue() <= 100) {
            return ((Number) value).intValue();
        }
        if (value instanceof Double d && d == Math.rint(d) && d >= 0 && d <= 100) {
            return d.intValue();
        }
        problems.add(what + " must be a whole percentage 0..100, got " + typeName(value)
                + (value == null ? "" : " " + value));
        return null;
    }

    /** {@code value} as a string map (user id → arm name); problems for non-string values. */
    Map<String, String> stringMap(Map<String, Object> value, String what) {
        Map<String, String> result = new LinkedHashMap<>();
        value.forEach((k, v) -> {
            if (v instanceof String s) {
                result.put(k, s);
            } else {
                problems.add(what + " of '" + k + "' must be an arm name (a string)");
            }
        });
        return result;
    }

    /** The JSON type name of a parsed value, for messages: object, array, string, number, boolean, null. */
    private static String typeName(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof Map) {
            return "object";
        } else if (value instanceof List) {
            return "array";
        } else if (value instanceof String) {
            return "string";
        } else if (value instanceof Number) {
            return "number";
        }
        return "boolean";
    }
}
