package org.movierec.core.json;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal JSON writer for the few places the core emits JSON (CLI reports, DVC manifests, event
 * payloads): maps (insertion order), collections, arrays of numbers, strings, numbers, booleans and
 * null. Non-finite numbers are written as {@code null}, since JSON has no NaN.
 *
 * <p>{@link #pythonSorted(Object)} writes what Python's {@code json.dumps(obj, sort_keys=True)} writes
 * (separators {@code ", "} and {@code ": "}, non-ASCII escaped as {@code \\uXXXX}), which DVC hashes.
 */
public final class Json {

    private Json() {
    }

    /** Compact JSON: no spaces, keys in the map's order, UTF-8 characters as they are. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder(128);
        write(sb, value, false);
        return sb.toString();
    }

    /** Like Python's {@code json.dumps(value, sort_keys=True)}. */
    public static String pythonSorted(Object value) {
        StringBuilder sb = new StringBuilder(128);
        write(sb, value, true);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value, boolean python) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            string(sb, s, python);
        } else if (value instanceof Boolean b) {
            sb.append(b);
        } else if (value instanceof Double || value instanceof Float) {
            number(sb, ((Number) value).doubleValue());
        } else if (value instanceof Number n) {
            sb.append(n);
        } else if (value instanceof Map<?, ?> map) {
            Map<?, ?> entries = python ? new TreeMap<>(map) : map;
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : entries.entrySet()) {
                if (!first) {
                    sb.append(python ? ", " : ",");
                }
                first = false;
                string(sb, String.valueOf(e.getKey()), python);
                sb.append(python ? ": " : ":");
                write(sb, e.getValue(), python);
            }
            sb.append('}');
        } else if (value instanceof Collection<?> list) {
            sb.append('[');
            boolean first = true;
            for (Object o : list) {
                if (!first) {
                    sb.append(python ? ", " : ",");
                }
                first = false;
                write(sb, o, python);
            }
            sb.append(']');
        } else if (value instanceof double[] a) {
            sb.append('[');
            for (int j = 0; j < a.length; j++) {
                if (j > 0) {
                    sb.append(python ? ", " : ",");
                }
                number(sb, a[j]);
            }
            sb.append(']');
        } else if (value instanceof int[] a) {
            sb.append('[');
            for (int j = 0; j < a.length; j++) {
                if (j > 0) {
                    sb.append(python ? ", " : ",");
                }
                sb.append(a[j]);
            }
            sb.append(']');
        } else {
            string(sb, value.toString(), python);
        }
    }

    private static void number(StringBuilder sb, double v) {
        if (!Double.isFinite(v)) {
            sb.append("null");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            sb.append((long) v).append(".0");
        } else {
            sb.append(String.format(Locale.ROOT, "%s", v));
        }
    }

    private static void string(StringBuilder sb, String s, boolean asciiOnly) {
        sb.append('"');
        for (int j = 0; j < s.length(); j++) {
            char c = s.charAt(j);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || (asciiOnly && c > 0x7e)) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
