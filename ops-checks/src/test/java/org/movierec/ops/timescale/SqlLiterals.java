package org.movierec.ops.timescale;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Binds a JDBC statement's {@code ?} parameters as SQL literals, so that the same statement text runs on PGlite
 * (which takes SQL text, no bind parameters) and on PostgreSQL. Lists become {@code ARRAY[...]} (the statements
 * cast them, e.g. {@code ?::int8[]}); instants become timestamptz literals. Only for our own statements and
 * values: question marks inside quoted strings are left alone, other uses of {@code ?} are not supported.
 */
final class SqlLiterals {

    private SqlLiterals() {
    }

    /** {@code sql} with its parameters replaced, in order, by the literals of {@code values}. */
    static String bind(String sql, Object... values) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        int next = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == '?' && !quoted) {
                if (next == values.length) {
                    throw new IllegalArgumentException("more parameters than the " + values.length + " values: " + sql);
                }
                out.append(literal(values[next++]));
            } else {
                out.append(c);
            }
        }
        if (next != values.length) {
            throw new IllegalArgumentException(next + " parameters for " + values.length + " values: " + sql);
        }
        return out.toString();
    }

    static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        if (value instanceof Instant t) {
            return "TIMESTAMPTZ '" + t + "'";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "'{}'"
                    : list.stream().map(SqlLiterals::literal).collect(Collectors.joining(",", "ARRAY[", "]"));
        }
        throw new IllegalArgumentException("no literal for " + value.getClass());
    }
}
