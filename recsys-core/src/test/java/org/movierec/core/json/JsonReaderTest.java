package org.movierec.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {

    @Test
    void readsEveryKindOfValue() {
        Object value = JsonReader.read(" {\"a\": [1, -2.5, 3e2, 0, -0.0, 1E-2], \"b\": {\"c\": true, \"d\": false, \"e\": null},"
                + " \"s\": \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83C\\uDFAC\", \"empty\": {}, \"none\": []}\n");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", List.of(1L, -2.5, 300.0, 0L, -0.0, 0.01));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("c", true);
        b.put("d", false);
        b.put("e", null);
        expected.put("b", b);
        expected.put("s", "x\"\\/\b\f\n\r\t\u00e9\uD83C\uDFAC");
        expected.put("empty", Map.of());
        expected.put("none", List.of());
        assertThat(value).isEqualTo(expected);
        assertThat(JsonReader.readObject(Json.write(value)).keySet()).containsExactly("a", "b", "s", "empty", "none");
    }

    @Test
    void keepsWholeNumbersExactAsLongs() {
        assertThat(JsonReader.read("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
        assertThat(JsonReader.read("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(JsonReader.read("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(JsonReader.read("9223372036854775808")).isEqualTo(9.223372036854775808e18);
        assertThat(JsonReader.read("12.0")).isEqualTo(12.0);
        assertThat(JsonReader.read("1e400".replace("400", "300"))).isEqualTo(1e300);
    }

    @Test
    void readsWhatJsonWrites() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rmse", 0.9123);
        m.put("epochs", 40L);
        m.put("ok", true);
        m.put("none", null);
        m.put("list", List.of("a\"b\u0001\u2028", 1L, List.of()));
        assertThat(JsonReader.read(Json.write(m))).isEqualTo(m);
        assertThat(JsonReader.read(Json.pythonSorted(m))).isEqualTo(JsonReader.read(Json.write(m)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "}", "[", "[1,]", "[,1]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{'a':1}", "{1:1}",
        "\"abc", "\"a\u0001\"", "\"\\x\"", "\"\\u12\"", "\"\\u12g4\"", "\"\\u\uff11234\"", "\"\\", "01", "-", "1.", ".5", "1e",
        "1e+", "+1", "NaN", "Infinity", "-Infinity", "1e400", "tru", "nul", "True", "[1 2]", "{\"a\":1 \"b\":2}", "1 2",
        "[1]]", "{\"a\":1}x", "{\"a\":1,\"a\":2}", "\u0000", "[\"a\",]", "0x10", "--1", "1.e5", "\"\t\""})
    void refusesMalformedDocumentsWithIllegalArgumentException(String json) {
        assertThatThrownBy(() -> JsonReader.read(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("JSON: ").hasMessageContaining("offset");
    }

    @Test
    void namesTheProblem() {
        assertThatThrownBy(() -> JsonReader.read("{\"a\":1,\"a\":2}")).hasMessage("JSON: duplicate key \"a\" at offset 7");
        assertThatThrownBy(() -> JsonReader.read("[1,]")).hasMessage("JSON: unexpected character ']', expected a value at offset 3");
        assertThatThrownBy(() -> JsonReader.read(null)).isInstanceOf(IllegalArgumentException.class).hasMessage("JSON: input is null");
        assertThatThrownBy(() -> JsonReader.readObject("[]")).hasMessage("JSON: expected an object, got array");
    }

    @Test
    void boundsNesting() {
        String deep = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        assertThat(JsonReader.read(deep)).isInstanceOf(List.class);
        assertThatThrownBy(() -> JsonReader.read("[".repeat(100_000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nesting deeper than");
        assertThatThrownBy(() -> JsonReader.read("{\"a\":".repeat(100_000))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void returnsUnmodifiableContainers() {
        Map<String, Object> m = JsonReader.readObject("{\"a\":[1]}");
        assertThatThrownBy(() -> m.put("b", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) m.get("a")).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void randomTextAndMutatedDocumentsOnlyEverFailWithIllegalArgumentException() {
        Random random = new Random(7);
        String base = "{\"a\":[1,-2.5e-3,true,false,null,\"s\\u00e9\\n\"],\"b\":{\"c\":{}},\"d\":[[]],\"e\":0}";
        String alphabet = "{}[]\",:0123456789.eE+- tfnulrsa\\/u\u00e9\ud800\u0000\t\n";
        int valid = 0;
        for (int k = 0; k < 30_000; k++) {
            String doc;
            if (k % 3 == 0) {
                char[] chars = new char[random.nextInt(20)];
                for (int j = 0; j < chars.length; j++) {
                    chars[j] = alphabet.charAt(random.nextInt(alphabet.length()));
                }
                doc = new String(chars);
            } else {
                StringBuilder sb = new StringBuilder(base);
                for (int e = 1 + random.nextInt(4); e > 0; e--) {
                    int at = random.nextInt(sb.length() + 1);
                    char c = alphabet.charAt(random.nextInt(alphabet.length()));
                    switch (random.nextInt(3)) {
                        case 0 -> sb.insert(at, c);
                        case 1 -> {
                            if (at < sb.length()) {
                                sb.setCharAt(at, c);
                            }
                        }
                        default -> {
                            if (at < sb.length()) {
                                sb.deleteCharAt(at);
                            }
                        }
                    }
                }
                doc = sb.toString();
            }
            try {
                Object value = JsonReader.read(doc);
                assertThat(JsonReader.read(Json.write(value))).as(doc).isEqualTo(value);
                valid++;
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).startsWith("JSON: ");
            } catch (RuntimeException | StackOverflowError wrong) {
                throw new AssertionError("threw " + wrong + " on " + Arrays.toString(doc.toCharArray()), wrong);
            }
        }
        assertThat(valid).isPositive();
    }
}
