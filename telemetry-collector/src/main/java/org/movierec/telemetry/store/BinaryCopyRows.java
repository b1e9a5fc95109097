package org.movierec.telemetry.store;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's binary {@code COPY} format, built in memory for one {@code COPY ... FROM STDIN (FORMAT
 * binary)} (format: PostgreSQL documentation, "COPY", section "Binary Format": an 11-byte signature, a 32-bit flags
 * field and a 32-bit header-extension length; per row a 16-bit field count, then per field a 32-bit length, -1 for
 * NULL, and the value in the type's binary send format, big-endian; a 16-bit -1 trailer).
 *
 * <p>Why our own: pgjdbc's {@code CopyManager} streams the bytes but does not encode rows, and the types the
 * staging tables use are few and simple ({@code int8}, {@code int4}, {@code float4}, {@code float8}, {@code bool}
 * and {@code text} as UTF-8). Binary rather than text because a text COPY would escape every string (tab, newline,
 * backslash) here and parse every number again in PostgreSQL, the busier process.
 */
final class BinaryCopyRows {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private final short columns;
    private byte[] bytes;
    private int size;
    private int rows;

    /**
     * @param columns fields per row, as many as the staging table has columns
     * @param expectedRows for the first buffer's size
     */
    BinaryCopyRows(int columns, int expectedRows) {
        this.columns = (short) columns;
        bytes = new byte[Math.max(64, 19 + expectedRows * (2 + columns * 12))];
        System.arraycopy(SIGNATURE, 0, bytes, 0, SIGNATURE.length);
        size = SIGNATURE.length + 8; // flags and header-extension length: zero
    }

    /** Starts a row; exactly {@code columns} fields must follow. */
    BinaryCopyRows row() {
        ensure(2);
        putShort(columns);
        rows++;
        return this;
    }

    BinaryCopyRows int8(long value) {
        ensure(12);
        putInt(8);
        putInt((int) (value >>> 32));
        putInt((int) value);
        return this;
    }

    BinaryCopyRows int4(int value) {
        ensure(8);
        putInt(4);
        putInt(value);
        return this;
    }

    BinaryCopyRows float4(float value) {
        return int4(Float.floatToIntBits(value));
    }

    /** A {@code float4} field, NULL for null. */
    BinaryCopyRows float4OrNull(Float value) {
        if (value == null) {
            ensure(4);
            putInt(-1);
            return this;
        }
        return float4(value);
    }

    BinaryCopyRows float8(double value) {
        return int8(Double.doubleToLongBits(value));
    }

    BinaryCopyRows bool(boolean value) {
        ensure(5);
        putInt(1);
        bytes[size++] = (byte) (value ? 1 : 0);
        return this;
    }

    /** A {@code text} field, NULL for null. */
    BinaryCopyRows text(String value) {
        if (value == null) {
            ensure(4);
            putInt(-1);
            return this;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ensure(4 + utf8.length);
        putInt(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
        return this;
    }

    /** Rows started so far. */
    int rows() {
        return rows;
    }

    /** The whole COPY input: header, rows, trailer. Call once, after the last row. */
    InputStream toInput() {
        ensure(2);
        putShort((short) -1);
        return new ByteArrayInputStream(bytes, 0, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    private void putShort(short v) {
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    private void putInt(int v) {
        bytes[size++] = (byte) (v >>> 24);
        bytes[size++] = (byte) (v >>> 16);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }
}
