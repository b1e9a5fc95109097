package org.movierec.core.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Writes one model in the {@link ModelFile} layout through a reusable buffer, updating the CRC32C on
 * each chunk as it is handed to the stream. One instance writes one model; not thread-safe.
 */
final class ModelFileWriter {

    private final OutputStream out;
    private final ByteBuffer buf = ByteBuffer.allocate(ModelFile.BUFFER_SIZE).order(ModelFile.ORDER);
    private final CRC32C crc = new CRC32C();
    /** Bytes handed to {@link #out} so far. */
    private long written;

    ModelFileWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * Checks that {@code model} can be written: factors within the format's bound, finite numbers,
     * strings that are valid Unicode and not too long, no null map entries.
     *
     * @throws IllegalArgumentException naming the first problem found
     */
    static void validate(SvdModel model) {
        if (model.factors() > ModelFile.MAX_FACTORS) {
            throw new IllegalArgumentException("the model has " + model.factors() + " factors, the format allows at most "
                    + ModelFile.MAX_FACTORS);
        }
        if (!Float.isFinite(model.globalMean())) {
            throw new IllegalArgumentException("non-finite global mean: " + model.globalMean());
        }
        requireFinite("user biases", model.userBias());
        requireFinite("item biases", model.itemBias());
        requireFinite("user factors", model.userFactors());
        requireFinite("item factors", model.itemFactors());
        if (model.implicitFactors().isPresent()) {
            requireFinite("implicit item factors", model.implicitFactors().get().itemFactors());
        }
        requireValid("hyperparameters", model.hyperparameters());
        requireValid("metadata", model.metadata());
        requireValid("user ids", model.users().ids());
        requireValid("item ids", model.items().ids());
    }

    private static void requireFinite(String section, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("non-finite value in " + section + " at index " + i + ": " + values[i]);
            }
        }
    }

    private static void requireValid(String section, Map<String, String> map) {
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("null key or value in " + section + ": " + e);
            }
            requireValid(section, e.getKey());
            requireValid(section, e.getValue());
        }
    }

    private static void requireValid(String section, List<String> ids) {
        for (String id : ids) {
            requireValid(section, id);
        }
    }

    /** Rejects unpaired surrogates, which UTF-8 cannot encode, and strings too long for the format. */
    private static void requireValid(String section, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("string in " + section + " is not valid Unicode (unpaired surrogate at "
                        + i + "): " + abbreviate(s));
            }
        }
        // A char encodes to at most 3 UTF-8 bytes, so only very long strings need the exact count.
        if ((long) n * 3 > ModelFile.MAX_STRING_BYTES && s.getBytes(StandardCharsets.UTF_8).length > ModelFile.MAX_STRING_BYTES) {
            throw new IllegalArgumentException("string in " + section + " is longer than " + ModelFile.MAX_STRING_BYTES
                    + " bytes in UTF-8: " + abbreviate(s));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }

    /**
     * Writes the whole file for a model that passed {@link #validate(SvdModel)}, then flushes the stream:
     * format version 2 for an SVD++ model, version 1 (byte for byte what earlier builds wrote, so they can
     * still read it) for an explicit-only one.
     */
    void write(SvdModel model) throws IOException {
        buf.put(ModelFile.MAGIC_BYTES);
        ImplicitFactors implicit = model.implicitFactors().orElse(null);
        buf.putInt(ModelFile.formatVersionOf(model));
        buf.putInt(model.factors());
        buf.putInt(model.users().size());
        buf.putInt(model.items().size());
        buf.putFloat(model.globalMean());
        buf.putDouble(model.scale().min());
        buf.putDouble(model.scale().max());
        putMap(model.hyperparameters());
        putMap(model.metadata());
        for (String id : model.users().ids()) {
            putString(id);
        }
        for (String id : model.items().ids()) {
            putString(id);
        }
        putFloats(model.userBias());
        putFloats(model.itemBias());
        putFloats(model.userFactors());
        putFloats(model.itemFactors());
        RatedItems rated = model.ratedItems();
        ensure(4);
        buf.putInt(rated.size());
        putInts(rated.offsets());
        putInts(rated.items());
        putFloats(rated.values());
        ensure(4);
        buf.putInt(model.popularItems().length);
        putInts(model.popularItems());
        if (implicit != null) {
            putFloats(implicit.itemFactors());
            ensure(4);
            buf.putInt(implicit.items().size());
            putInts(implicit.items().offsets());
            putInts(implicit.items().items());
        }
        drain(true);

        long payloadLength = written;
        buf.putLong(payloadLength);
        buf.putInt((int) crc.getValue());
        drain(false);
        out.flush();
    }

    private void putMap(Map<String, String> map) throws IOException {
        ensure(4);
        buf.putInt(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            putString(e.getKey());
            putString(e.getValue());
        }
    }

    private void putString(String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        ensure(4);
        buf.putInt(bytes.length);
        int off = 0;
        while (off < bytes.length) {
            ensure(1);
            int n = Math.min(buf.remaining(), bytes.length - off);
            buf.put(bytes, off, n);
            off += n;
        }
    }

    private void putFloats(float[] values) throws IOException {
        putInChunks(values.length, Float.BYTES, (off, n) -> buf.asFloatBuffer().put(values, off, n));
    }

    private void putInts(int[] values) throws IOException {
        putInChunks(values.length, Integer.BYTES, (off, n) -> buf.asIntBuffer().put(values, off, n));
    }

    /** Copies {@code n} values from index {@code off} of an array to the start of the buffer's free space. */
    private interface BulkPut {
        void put(int off, int n);
    }

    /**
     * Copies {@code count} values of {@code valueBytes} bytes each into the buffer in bulk, as many at a
     * time as fit, draining it whenever it is full.
     */
    private void putInChunks(int count, int valueBytes, BulkPut bulkPut) throws IOException {
        int off = 0;
        while (off < count) {
            ensure(valueBytes);
            int n = Math.min(buf.remaining() / valueBytes, count - off);
            bulkPut.put(off, n);
            buf.position(buf.position() + n * valueBytes);
            off += n;
        }
    }

    /** Makes room for {@code bytes} more bytes ({@code bytes} &le; the buffer's capacity). */
    private void ensure(int bytes) throws IOException {
        if (buf.remaining() < bytes) {
            drain(true);
        }
    }

    /** Hands the buffered bytes to the stream, adding them to the checksum if {@code checksummed}. */
    private void drain(boolean checksummed) throws IOException {
        int length = buf.position();
        if (checksummed) {
            crc.update(buf.array(), 0, length);
        }
        out.write(buf.array(), 0, length);
        written += length;
        buf.clear();
    }
}
