package org.movierec.router;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.movierec.core.report.JsonDoubles;

/**
 * The router's one Jackson mapper, for the JSON it reads (admin request bodies, the inference service's
 * {@code /popular}) and writes (the admin API's answers, the report, the fallback answer).
 *
 * <p>Reading is strict, as the admin API always was: a duplicate key or anything after the value is an
 * error (Jackson already rejects leading zeros, NaN, comments and trailing commas), and a message never
 * quotes the body back. Writing is compact with maps in their own order; doubles are spelled as
 * {@link JsonDoubles} spells them for every JSON of the platform (the report's statistics are NaN for an arm
 * without data: written {@code null}, as JSON has no NaN; a whole value in full, {@code 12345678.0}).
 */
public final class RouterJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .addModule(JsonDoubles.module())
            .build();

    private RouterJson() {
    }

    /** {@code value} (maps, lists, records, strings, numbers, booleans, null) as compact JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses {@code text} as one JSON value.
     *
     * @throws IllegalArgumentException if it is not JSON, with Jackson's reason and where it stopped
     */
    public static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + " column "
                    + e.getLocation().getColumnNr()), e);
        }
    }

    /** {@code node} as plain Java values: maps (in order), lists, strings, numbers, booleans and null. */
    public static Object plain(JsonNode node) {
        return MAPPER.convertValue(node, Object.class);
    }

}
