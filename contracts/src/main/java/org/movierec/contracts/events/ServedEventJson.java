package org.movierec.contracts.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.movierec.core.report.JsonDoubles;

/**
 * The Jackson set-up of {@link ServedEvent}'s JSON and the field checks of its reader, whose messages name the
 * field and what was wrong with it (the telemetry collector puts them in the dead-letter reason).
 *
 * <p>Two details keep the bytes on {@link Topics#SERVED} what they were before Jackson wrote them:
 * <ul>
 *   <li>control characters without a short escape are written <code>&#92;u001f</code>, lower-case hex (Jackson's default
 *       is upper case);</li>
 *   <li>a latency is spelled as every JSON of the platform spells a double ({@link JsonDoubles}): a whole value
 *       below 10^15 {@code 10000000.0}, not {@code 1.0E7}; other values as {@link Double#toString} writes them.</li>
 * </ul>
 * The reader is strict where the old one was: duplicate keys and text after the object are refused.
 */
final class ServedEventJson {

    /** Writes strings with the escapes described above. */
    static final JsonFactory FACTORY = new JsonFactoryBuilder().characterEscapes(new LowerCaseHexEscapes()).build();

    private static final ObjectMapper READER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ServedEventJson() {
    }

    /** The JSON text of a latency (see the class comment). */
    static String number(double value) {
        return JsonDoubles.text(value);
    }

    /**
     * The fields of the JSON object {@code json}.
     *
     * @throws IllegalArgumentException if {@code json} is null, not valid JSON or not an object
     */
    static Fields readObject(String json) {
        if (json == null) {
            throw new IllegalArgumentException("served event: input is null");
        }
        JsonNode node;
        try {
            node = READER.readTree(json);
        } catch (JsonEOFException e) {
            throw new IllegalArgumentException("served event: not valid JSON: unexpected end of input", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("served event: not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("served event: not valid JSON: unexpected end of input");
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("served event: expected an object, got " + typeName(node));
        }
        return new Fields(node);
    }

    private static String typeName(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** The fields of one JSON object, read with checks whose messages name the field. */
    static final class Fields {

        private final JsonNode object;

        private Fields(JsonNode object) {
            this.object = object;
        }

        private JsonNode required(String field) {
            JsonNode value = object.get(field);
            if (value == null) {
                throw new IllegalArgumentException("served event: missing field \"" + field + "\"");
            }
            return value;
        }

        String requiredString(String field) {
            JsonNode value = required(field);
            if (!value.isTextual()) {
                throw wrongType(field, "a string", value);
            }
            return value.textValue();
        }

        /** The string, or null when the field is absent or null. */
        String optionalString(String field) {
            JsonNode value = object.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw wrongType(field, "a string or null", value);
            }
            return value.textValue();
        }

        double requiredNumber(String field) {
            JsonNode value = required(field);
            if (!value.isNumber()) {
                throw wrongType(field, "a number", value);
            }
            return value.doubleValue();
        }

        boolean requiredBoolean(String field) {
            JsonNode value = required(field);
            if (!value.isBoolean()) {
                throw wrongType(field, "a boolean", value);
            }
            return value.booleanValue();
        }

        List<String> requiredStrings(String field) {
            JsonNode value = required(field);
            if (!value.isArray()) {
                throw wrongType(field, "an array", value);
            }
            List<String> strings = new ArrayList<>(value.size());
            for (JsonNode element : value) {
                if (!element.isTextual()) {
                    throw wrongType(field, "an array of strings", element);
                }
                strings.add(element.textValue());
            }
            return strings;
        }

        /**
         * A whole number in {@code min..max}, written as an integer or as a number with no fraction (e.g.
         * {@code 200.0}); one that is not exact in a double (beyond 2^53) only when written as an integer.
         */
        long wholeNumber(String field, long min, long max) {
            JsonNode value = required(field);
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                long l = value.longValue();
                if (l < min || l > max) {
                    throw new IllegalArgumentException("served event: field \"" + field + "\" is out of range: " + l);
                }
                return l;
            }
            if (value.isNumber()) {
                double d = value.doubleValue();
                if (d != Math.rint(d) || d < min || d > max || Math.abs(d) >= 0x1p53) {
                    throw new IllegalArgumentException("served event: field \"" + field
                            + "\" is not an exact whole number: " + value);
                }
                return (long) d;
            }
            throw wrongType(field, "a whole number", value);
        }

        private static IllegalArgumentException wrongType(String field, String expected, JsonNode value) {
            return new IllegalArgumentException("served event: field \"" + field + "\" must be " + expected + ", got "
                    + typeName(value));
        }
    }

    /** Jackson's standard escapes, but <code>&#92;u00XX</code> with lower-case hex digits, as this topic always had. */
    private static final class LowerCaseHexEscapes extends CharacterEscapes {

        private final int[] codes;

        LowerCaseHexEscapes() {
            codes = standardAsciiEscapesForJSON();
            for (int c = 0; c < 0x20; c++) {
                if (codes[c] == ESCAPE_STANDARD) {
                    codes[c] = ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return codes;
        }

        /** Called for the control characters marked above and for every character beyond ASCII (kept as it is). */
        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch < 0x20 ? new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch)) : null;
        }
    }
}
