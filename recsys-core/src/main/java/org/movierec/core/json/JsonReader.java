package org.movierec.core.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict reader of one JSON document (RFC 8259), the counterpart of {@link Json}.
 *
 * <p>Values come back as plain Java objects: an object as a {@code Map<String, Object>} (unmodifiable,
 * in document order), an array as a {@code List<Object>} (unmodifiable), a string as a
 * {@link String}, {@code true}/{@code false} as a {@link Boolean}, {@code null} as {@code null}, and
 * a number as a {@link Double} — except a whole number written without fraction or exponent that
 * fits a {@code long}, which is a {@link Long}, so that ids beyond 2^53 keep every digit. Read
 * numbers through {@link Number} to accept both.
 *
 * <p>Anything that is not exactly one JSON value, optionally surrounded by whitespace, is refused
 * with an {@link IllegalArgumentException} that names the problem and its offset: unquoted or
 * single-quoted strings, control characters in strings, unknown escapes, bad {@code \\uXXXX},
 * leading zeros, {@code NaN}, numbers too large for a double, trailing commas, duplicate keys, text
 * after the value, and nesting deeper than {@value #MAX_DEPTH}. No other exception escapes it.
 */
public final class JsonReader {

    /** The deepest nesting of arrays and objects accepted (keeps the reader's recursion bounded). */
    public static final int MAX_DEPTH = 512;

    private final String text;
    private int pos;
    private int depth;

    private JsonReader(String text) {
        this.text = text;
    }

    /**
     * The value of the JSON document {@code text}.
     *
     * @throws IllegalArgumentException if {@code text} is null or not one valid JSON value
     */
    public static Object read(String text) {
        if (text == null) {
            throw new IllegalArgumentException("JSON: input is null");
        }
        JsonReader reader = new JsonReader(text);
        reader.skipWhitespace();
        Object value = reader.value();
        reader.skipWhitespace();
        if (reader.pos < text.length()) {
            throw reader.error("unexpected text after the JSON value");
        }
        return value;
    }

    /**
     * The JSON object {@code text}.
     *
     * @throws IllegalArgumentException if {@code text} is not valid JSON or its value is not an object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(String text) {
        Object value = read(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("JSON: expected an object, got " + typeName(value));
        }
        return (Map<String, Object>) value;
    }

    /** The JSON type name of a value as this reader returns it, for messages: object, array, string, number, boolean, null. */
    public static String typeName(Object value) {
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
        } else if (value instanceof Boolean) {
            return "boolean";
        }
        return value.getClass().getSimpleName();
    }

    private Object value() {
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (c == '-' || c >= '0' && c <= '9') {
                    return number();
                }
                throw error("unexpected character " + describe(c) + ", expected a value");
        }
    }

    private Map<String, Object> object() {
        enter();
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return Collections.unmodifiableMap(map);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error(atEnd() ? "unexpected end of input inside an object" : "expected a string key, got "
                        + describe(text.charAt(pos)));
            }
            int keyAt = pos;
            String key = string();
            skipWhitespace();
            expect(':', "after an object key");
            skipWhitespace();
            Object value = value();
            if (map.containsKey(key)) {
                pos = keyAt;
                throw error("duplicate key \"" + clip(key) + "\"");
            }
            map.put(key, value);
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == '}') {
                pos++;
                depth--;
                return Collections.unmodifiableMap(map);
            } else {
                throw error(atEnd() ? "unexpected end of input inside an object" : "expected ',' or '}' in an object, got "
                        + describe(text.charAt(pos)));
            }
        }
    }

    private List<Object> array() {
        enter();
        pos++; // '['
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            skipWhitespace();
            list.add(value());
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == ']') {
                pos++;
                depth--;
                return Collections.unmodifiableList(list);
            } else {
                throw error(atEnd() ? "unexpected end of input inside an array" : "expected ',' or ']' in an array, got "
                        + describe(text.charAt(pos)));
            }
        }
    }

    private String string() {
        int start = pos;
        pos++; // opening quote
        StringBuilder sb = null;
        int runStart = pos;
        while (true) {
            if (pos >= text.length()) {
                pos = start;
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String s = sb == null ? text.substring(runStart, pos) : sb.append(text, runStart, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) {
                throw error("unescaped control character " + describe(c) + " in a string");
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder();
            }
            sb.append(text, runStart, pos);
            pos++;
            if (pos >= text.length()) {
                pos = start;
                throw error("unterminated string");
            }
            char e = text.charAt(pos);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(unicodeEscape());
                default -> throw error("unknown escape \\" + describe(e) + " in a string");
            }
            pos++;
            runStart = pos;
        }
    }

    /** The char of {@code \\uXXXX} with {@code pos} at the {@code u}; leaves {@code pos} at the last hex digit. */
    private char unicodeEscape() {
        if (pos + 4 >= text.length()) {
            throw error("incomplete \\u escape");
        }
        int value = 0;
        for (int k = 1; k <= 4; k++) {
            int digit = Character.digit(text.charAt(pos + k), 16);
            if (digit < 0 || text.charAt(pos + k) > 'f') {
                throw error("bad hex digit " + describe(text.charAt(pos + k)) + " in a \\u escape");
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return (char) value;
    }

    private Object number() {
        int start = pos;
        boolean integral = true;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("leading zero in a number");
            }
        } else if (isDigit(peek())) {
            skipDigits();
        } else {
            throw error("expected a digit in a number");
        }
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) {
                throw error("expected a digit after the decimal point");
            }
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("expected a digit in the exponent");
            }
            skipDigits();
        }
        String literal = text.substring(start, pos);
        int digits = literal.length() - (literal.charAt(0) == '-' ? 1 : 0);
        if (integral && digits <= 18) {
            return Long.parseLong(literal);
        }
        if (integral && digits == 19) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException tooLarge) {
                // beyond a long: read as a double below
            }
        }
        double value = Double.parseDouble(literal); // the grammar was checked above, so this cannot fail
        if (Double.isInfinite(value)) {
            pos = start;
            throw error("number " + clip(literal) + " is too large for a double");
        }
        return value;
    }

    private void literal(String word) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected text, expected " + word);
        }
        pos += word.length();
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
    }

    private void expect(char c, String where) {
        if (peek() != c) {
            throw error(atEnd() ? "unexpected end of input, expected '" + c + "' " + where
                    : "expected '" + c + "' " + where + ", got " + describe(text.charAt(pos)));
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    /** The char at {@code pos}, or {@code 0} at the end of the input. */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String describe(char c) {
        if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("JSON: " + problem + " at offset " + pos);
    }
}
