package org.movierec.retrain;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Map;
import org.movierec.core.report.JsonDoubles;

/**
 * The one Jackson configuration of the retraining pipeline and its service, for the JSON they read and write
 * outside a REST resource's own body handling: the run's reports ({@code reports/*.json}), the user/movie API's
 * pages, the router's answers and the admin request bodies.
 *
 * <p>Reading is strict, as the hand-written reader this replaces was: a duplicate key, or text after the value, is
 * an error; a whole number comes back as a {@link Long} (never an {@link Integer}; a {@link java.math.BigInteger}
 * beyond a long), a fraction as a {@link Double}.
 *
 * <p>Writing keeps the bytes of the reports the pipeline has always written: compact, keys in the map's order,
 * doubles as {@link JsonDoubles} spells them (a non-finite value as {@code null}, {@code 12345678.0} in full).
 */
public final class RetrainJson {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .addModule(JsonDoubles.module())
            .build();

    private RetrainJson() {
    }

    /**
     * The JSON object {@code text}, as a map in document order.
     *
     * @throws IOException if {@code text} is not one JSON object; the message says why and where (line and column),
     *                     without echoing the document
     */
    public static Map<String, Object> readObject(String text) throws IOException {
        Map<String, Object> value = read(text, OBJECT);
        if (value == null) {
            throw new IOException("expected a JSON object, got null");
        }
        return value;
    }

    /**
     * The JSON value {@code text}: a map, list, string, {@link Long}, {@link Double}, boolean or null.
     *
     * @throws IOException if {@code text} is not one JSON value (the message as for {@link #readObject})
     */
    public static Object read(String text) throws IOException {
        return read(text, new TypeReference<Object>() {
        });
    }

    private static <T> T read(String text, TypeReference<T> type) throws IOException {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IOException(e.getOriginalMessage()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()), e);
        }
    }

    /** {@code value} (maps, lists, strings, numbers, booleans, null) as compact JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("not writable as JSON: " + e.getMessage(), e);
        }
    }
}
