package org.movierec.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * The JSON the launcher reads (the services' and Prometheus' answers, Grafana's dashboard files) as plain maps,
 * lists, strings, numbers and booleans, through Jackson. The launcher only picks a few fields out of documents
 * other modules define, so it reads them untyped rather than binding each to a class of its own.
 */
final class JsonValues {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonValues() {
    }

    /**
     * The JSON object {@code json}, in document order.
     *
     * @throws IllegalArgumentException if {@code json} is not valid JSON or not an object
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String json) {
        if (!(value(json) instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return (Map<String, Object>) object;
    }

    /**
     * The value of the JSON document {@code json}: a map, a list, a string, a number, a boolean or null.
     *
     * @throws IllegalArgumentException if {@code json} is not valid JSON
     */
    static Object value(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
