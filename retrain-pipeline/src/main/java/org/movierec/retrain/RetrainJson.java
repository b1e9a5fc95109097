package org.movierec.retrain;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Map;

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
 * and doubles as before — a non-finite value (an RMSE over no ratings) as {@code null}, since JSON has no NaN and
 * Jackson would otherwise write the string {@code "NaN"}; a whole value below 10^15 as {@code 12345678.0} where
 * Jackson would write {@code 1.2345678E7}; anything else as {@link Double#toString}, which is what Jackson writes.
 */
public final class RetrainJson {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .addModule(new SimpleModule("report-doubles").addSerializer(Double.class, new ReportDouble()))
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

    /** Doubles as the reports have always had them (see the class comment). */
    private static final class ReportDouble extends StdSerializer<Double> {
        ReportDouble() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator json, SerializerProvider provider) throws IOException {
            double v = value;
            if (!Double.isFinite(v)) {
                json.writeNull();
            } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                json.writeNumber((long) v + ".0");
            } else {
                json.writeNumber(Double.toString(v));
            }
        }
    }
}
