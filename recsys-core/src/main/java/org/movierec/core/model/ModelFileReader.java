package org.movierec.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.movierec.core.data.RatingScale;
import org.movierec.core.ids.IdIndex;

/**
 * Reads one model file in the {@link ModelFile} layout through a reusable buffer. One instance reads
 * one file; not thread-safe.
 *
 * <p>The buffer holds a window of the file: {@code [position, limit)} are read but not yet parsed
 * bytes. Parsed bytes are added to the CRC32C lazily, each time the window moves and once at the
 * trailer, so the checksum covers exactly the payload and costs one pass over each chunk.
 *
 * <p>Structural problems are thrown at once, since parsing cannot go on. Problems with values are
 * remembered in {@link #problem} and thrown after the checksum has been verified, so that damage is
 * reported as damage.
 */
final class ModelFileReader {

    /**
     * When the file length is unknown, float arrays start at most this long (16 MiB) and double as
     * bytes arrive, so a corrupted header cannot make the reader allocate what the stream does not hold.
     */
    private static final int UNTRUSTED_INITIAL_FLOATS = 1 << 22;
    /** Likewise, the initial capacity of an id table when the file length is unknown. */
    private static final int UNTRUSTED_INITIAL_IDS = 1 << 16;

    private final InputStream in;
    /** The length of the whole file, or -1 when unknown (a plain stream). */
    private final long fileLength;
    private final ByteBuffer buf;
    private final CRC32C crc = new CRC32C();
    /** Buffer index from which parsed bytes have not been added to {@link #crc} yet. */
    private int crcFrom;
    /** False once the payload ends: the trailer is not checksummed. */
    private boolean checksumming = true;
    /** File offset of buffer index 0. */
    private long windowStart;
    private boolean endOfStream;
    /** The first problem with a value, thrown after the checksum is verified; null if none. */
    private String problem;
    private CharsetDecoder strictUtf8;

    /**
     * @param fileLength the length of the whole file, or -1 if unknown
     * @param bufferSize the buffer's capacity: a multiple of 4, at least {@link ModelFile#FIXED_HEADER_BYTES}
     */
    ModelFileReader(InputStream in, long fileLength, int bufferSize) {
        this.in = in;
        this.fileLength = fileLength;
        this.buf = ByteBuffer.allocate(bufferSize).order(ModelFile.ORDER);
        buf.limit(0);
    }

    /** The parsed header, up to and including the metadata map. */
    private record Header(int version, int factors, int users, int items, float globalMean, double scaleMin, double scaleMax,
                          Map<String, String> hyperparameters, Map<String, String> metadata) {
    }

    /** Reads the header only; see {@link ModelFile#readInfo(java.nio.file.Path)}. */
    ModelInfo readInfo() throws IOException {
        Header h = readHeader();
        throwProblem();
        return new ModelInfo(h.version, h.factors, h.users, h.items, h.globalMean,
                new RatingScale(h.scaleMin, h.scaleMax), h.hyperparameters, h.metadata);
    }

    /** Reads and verifies the whole file. */
    SvdModel readModel() throws IOException {
        Header h = readHeader();
        IdIndex users = readIds("user ids", h.users);
        IdIndex items = readIds("item ids", h.items);
        float[] userBias = readFloats("user biases", h.users);
        float[] itemBias = readFloats("item biases", h.items);
        float[] userFactors = readFloats("user factors", h.users * h.factors);
        float[] itemFactors = readFloats("item factors", h.items * h.factors);
        int ratedCount = readInt("rated items");
        if (ratedCount < 0 || (fileLength >= 0 && 8L * ratedCount > payloadLeft())) {
            throw new ModelFormatException("invalid rated items count " + ratedCount);
        }
        int[] ratedOffsets = readInts("rated item offsets", h.users + 1);
        int[] ratedItems = readInts("rated items", ratedCount);
        float[] ratedValues = readFloats("rated values", ratedCount);
        int popularCount = readInt("popular items");
        if (popularCount < 0 || popularCount > h.items) {
            throw new ModelFormatException("invalid popular items count " + popularCount + " for " + h.items + " items");
        }
        int[] popularItems = readInts("popular items", popularCount);
        float[] implicitFactors = null;
        int[] implicitOffsets = null;
        int[] implicitItems = null;
        if (h.version >= 2) {
            implicitFactors = readFloats("implicit item factors", h.items * h.factors);
            int implicitCount = readInt("implicit items");
            if (implicitCount < 0 || (fileLength >= 0 && 4L * implicitCount + 4L * (h.users + 1L) > payloadLeft())) {
                throw new ModelFormatException("invalid implicit items count " + implicitCount);
            }
            implicitOffsets = readInts("implicit item offsets", h.users + 1);
            implicitItems = readInts("implicit items", implicitCount);
        }
        readTrailer();
        checkRatedItems("rated", ratedOffsets, ratedItems, h.items);
        checkPopularItems(popularItems, h.items);
        if (implicitOffsets != null) {
            checkRatedItems("implicit", implicitOffsets, implicitItems, h.items);
        }
        throwProblem();
        ImplicitFactors implicit = implicitFactors == null ? null
                : new ImplicitFactors(implicitFactors, new ImplicitItems(implicitOffsets, implicitItems));
        return new SvdModel(users, items, h.factors, h.globalMean, userBias, itemBias, userFactors, itemFactors,
                new RatingScale(h.scaleMin, h.scaleMax), h.hyperparameters, h.metadata,
                new RatedItems(ratedOffsets, ratedItems, ratedValues), popularItems, implicit);
    }

    private Header readHeader() throws IOException {
        readMagic();
        int version = readInt("header");
        if (version < ModelFile.EXPLICIT_FORMAT_VERSION || version > ModelFile.FORMAT_VERSION) {
            throw new ModelFormatException("unsupported model file: format version " + version
                    + ", this build reads " + ModelFile.EXPLICIT_FORMAT_VERSION + " to " + ModelFile.FORMAT_VERSION);
        }
        int factors = readInt("header");
        int users = readInt("header");
        int items = readInt("header");
        if (factors < 1 || factors > ModelFile.MAX_FACTORS) {
            throw new ModelFormatException("invalid header: factors " + factors + " outside 1.." + ModelFile.MAX_FACTORS);
        }
        if (users < 0 || items < 0) {
            throw new ModelFormatException("invalid header: negative count (" + users + " users, " + items + " items)");
        }
        if ((long) users * factors > ModelFile.MAX_ARRAY_LENGTH || (long) items * factors > ModelFile.MAX_ARRAY_LENGTH) {
            throw new ModelFormatException("invalid header: " + users + " users and " + items + " items with " + factors
                    + " factors exceed the largest array (" + ModelFile.MAX_ARRAY_LENGTH + " floats)");
        }
        float globalMean = readFloat("header");
        double scaleMin = readDouble("header");
        double scaleMax = readDouble("header");
        if (!Float.isFinite(globalMean)) {
            note("non-finite global mean: " + globalMean);
        }
        if (!Double.isFinite(scaleMin) || !Double.isFinite(scaleMax) || scaleMin >= scaleMax) {
            note("invalid rating scale " + scaleMin + ".." + scaleMax);
        }
        if (fileLength >= 0) {
            // Two map counts, then per user and per item at least an id length, a bias and the factors.
            // and the rated-items count, offsets and the popular-items count.
            long needed = 8 + ((long) users + items) * (4L + 4L + 4L * factors) + 4 + 4L * (users + 1L) + 4
                    + ModelFile.TRAILER_BYTES;
            long available = fileLength - offset();
            if (needed > available) {
                throw new ModelFormatException("invalid header or truncated file: " + users + " users and " + items
                        + " items with " + factors + " factors need at least " + needed
                        + " more bytes, but the file has only " + available);
            }
        }
        Map<String, String> hyperparameters = readMap("hyperparameters");
        Map<String, String> metadata = readMap("metadata");
        return new Header(version, factors, users, items, globalMean, scaleMin, scaleMax, hyperparameters, metadata);
    }

    private void readMagic() throws IOException {
        byte[] magic = ModelFile.MAGIC_BYTES;
        fill(magic.length);
        int n = Math.min(buf.remaining(), magic.length);
        for (int i = 0; i < n; i++) {
            if (buf.get(buf.position() + i) != magic[i]) {
                throw new ModelFormatException("not a MovieRec model file: it does not start with " + ModelFile.MAGIC);
            }
        }
        require(magic.length, "magic");
        buf.position(buf.position() + magic.length);
    }

    private Map<String, String> readMap(String section) throws IOException {
        int count = readInt(section);
        if (count < 0 || (fileLength >= 0 && 8L * count > payloadLeft())) {
            throw new ModelFormatException("invalid " + section + " entry count " + count + " at byte " + (offset() - 4));
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = readString(section);
            String value = readString(section);
            if (map.putIfAbsent(key, value) != null) {
                note("duplicate key in " + section + ": " + key);
            }
        }
        return map;
    }

    private IdIndex readIds(String section, int count) throws IOException {
        // With a known length the header check has proven the file holds 4 bytes per id.
        IdIndex index = new IdIndex(fileLength >= 0 ? count : Math.min(count, UNTRUSTED_INITIAL_IDS));
        for (int i = 0; i < count; i++) {
            String id = readString(section);
            int before = index.size();
            int at = index.add(id);
            if (at != before) {
                note("duplicate id in " + section + ": '" + id + "' at index " + i + " and " + at);
            }
        }
        return index;
    }

    private String readString(String section) throws IOException {
        int length = readInt(section);
        if (length < 0 || length > ModelFile.MAX_STRING_BYTES || (fileLength >= 0 && length > payloadLeft())) {
            throw new ModelFormatException("invalid string length " + length + " in " + section + " at byte "
                    + (offset() - 4));
        }
        if (length <= buf.capacity()) {
            require(length, section);
            String s = decode(buf.array(), buf.position(), length, section);
            buf.position(buf.position() + length);
            return s;
        }
        byte[] bytes = new byte[length];
        int off = 0;
        while (off < length) {
            require(1, section, length - off);
            int n = Math.min(buf.remaining(), length - off);
            buf.get(bytes, off, n);
            off += n;
        }
        return decode(bytes, 0, length, section);
    }

    /** UTF-8 to a string; ASCII (all ids in practice) takes the fast path, anything else is decoded strictly. */
    private String decode(byte[] bytes, int off, int length, String section) {
        int end = off + length;
        int i = off;
        while (i < end && bytes[i] >= 0) {
            i++;
        }
        if (i == end) {
            return new String(bytes, off, length, StandardCharsets.ISO_8859_1);
        }
        if (strictUtf8 == null) {
            strictUtf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        try {
            return strictUtf8.reset().decode(ByteBuffer.wrap(bytes, off, length)).toString();
        } catch (CharacterCodingException e) {
            note("malformed UTF-8 in " + section);
            return new String(bytes, off, length, StandardCharsets.UTF_8);
        }
    }

    /**
     * Reads {@code count} floats in bulk: each chunk goes from the buffer to the array in one copy. With
     * an unknown file length the array starts small and doubles as bytes arrive.
     */
    private float[] readFloats(String section, int count) throws IOException {
        int initial = fileLength >= 0 ? count : Math.min(count, UNTRUSTED_INITIAL_FLOATS);
        float[] values = new float[initial];
        int filled = 0;
        while (filled < count) {
            if (filled == values.length) {
                values = Arrays.copyOf(values, (int) Math.min(count, 2L * values.length));
            }
            require(Float.BYTES, section, (long) (count - filled) * Float.BYTES);
            int n = Math.min(buf.remaining() / Float.BYTES, values.length - filled);
            buf.asFloatBuffer().get(values, filled, n);
            buf.position(buf.position() + n * Float.BYTES);
            if (problem == null) {
                checkFinite(section, values, filled, n);
            }
            filled += n;
        }
        return values;
    }

    /** Reads {@code count} ints in bulk, like {@link #readFloats}. */
    private int[] readInts(String section, int count) throws IOException {
        int initial = fileLength >= 0 ? count : Math.min(count, UNTRUSTED_INITIAL_FLOATS);
        int[] values = new int[initial];
        int filled = 0;
        while (filled < count) {
            if (filled == values.length) {
                values = Arrays.copyOf(values, (int) Math.min(count, 2L * values.length));
            }
            require(Integer.BYTES, section, (long) (count - filled) * Integer.BYTES);
            int n = Math.min(buf.remaining() / Integer.BYTES, values.length - filled);
            buf.asIntBuffer().get(values, filled, n);
            buf.position(buf.position() + n * Integer.BYTES);
            filled += n;
        }
        return values;
    }

    /**
     * Offsets from 0 to the item count, non-decreasing; items in range and ascending within a user (the
     * rated items, and the implicit sets of a version 2 file).
     */
    private void checkRatedItems(String kind, int[] offsets, int[] items, int itemCount) {
        if (offsets[0] != 0 || offsets[offsets.length - 1] != items.length) {
            note(kind + " item offsets do not run from 0 to " + items.length);
            return;
        }
        for (int u = 0; u + 1 < offsets.length; u++) {
            if (offsets[u + 1] < offsets[u]) {
                note(kind + " item offsets decrease at user " + u);
                return;
            }
            for (int j = offsets[u]; j < offsets[u + 1]; j++) {
                if (items[j] < 0 || items[j] >= itemCount || (j > offsets[u] && items[j] <= items[j - 1])) {
                    note(kind + " items of user " + u + " out of range or not ascending");
                    return;
                }
            }
        }
    }

    private void checkPopularItems(int[] popular, int itemCount) {
        java.util.BitSet seen = new java.util.BitSet(itemCount);
        for (int i : popular) {
            if (i < 0 || i >= itemCount || seen.get(i)) {
                note("popular items out of range or repeated: " + i);
                return;
            }
            seen.set(i);
        }
    }

    private void checkFinite(String section, float[] values, int from, int n) {
        for (int i = from, end = from + n; i < end; i++) {
            if (!Float.isFinite(values[i])) {
                note("non-finite value in " + section + " at index " + i + ": " + values[i]);
                return;
            }
        }
    }

    private void readTrailer() throws IOException {
        crc.update(buf.array(), crcFrom, buf.position() - crcFrom);
        crcFrom = buf.position();
        checksumming = false;
        long payloadLength = offset();
        long recordedLength = readLong("trailer");
        int recordedCrc = readInt("trailer");
        if (recordedLength != payloadLength) {
            throw new ModelFormatException("file corrupted: the trailer records a payload of " + recordedLength
                    + " bytes, but " + payloadLength + " bytes precede it");
        }
        int computedCrc = (int) crc.getValue();
        if (recordedCrc != computedCrc) {
            throw new ModelFormatException(String.format("checksum mismatch: file corrupted (stored CRC32C %08x, computed %08x)",
                    recordedCrc, computedCrc));
        }
        if (buf.hasRemaining() || (!endOfStream && in.read() >= 0)) {
            throw new ModelFormatException("trailing garbage after the trailer at byte " + offset());
        }
    }

    private int readInt(String section) throws IOException {
        require(Integer.BYTES, section);
        return buf.getInt();
    }

    private long readLong(String section) throws IOException {
        require(Long.BYTES, section);
        return buf.getLong();
    }

    private float readFloat(String section) throws IOException {
        require(Float.BYTES, section);
        return buf.getFloat();
    }

    private double readDouble(String section) throws IOException {
        require(Double.BYTES, section);
        return buf.getDouble();
    }

    private void require(int bytes, String section) throws IOException {
        require(bytes, section, bytes);
    }

    /**
     * Makes {@code bytes} unparsed bytes available, or reports the file truncated, {@code sectionLeft}
     * bytes of {@code section} being still expected.
     */
    private void require(int bytes, String section, long sectionLeft) throws IOException {
        if (!fill(bytes)) {
            throw new ModelFormatException("truncated: expected " + (sectionLeft - buf.remaining())
                    + " more bytes of " + section + " at byte " + (offset() + buf.remaining()));
        }
    }

    /**
     * Tries to make at least {@code bytes} ({@code <=} the buffer's capacity) unparsed bytes available,
     * moving the window forward and reading from the stream as needed.
     *
     * @return false if the stream ended first
     */
    private boolean fill(int bytes) throws IOException {
        if (buf.remaining() >= bytes) {
            return true;
        }
        if (checksumming) {
            crc.update(buf.array(), crcFrom, buf.position() - crcFrom);
        }
        windowStart += buf.position();
        buf.compact();
        crcFrom = 0;
        while (buf.position() < bytes && !endOfStream) {
            int n = in.read(buf.array(), buf.position(), buf.capacity() - buf.position());
            if (n < 0) {
                endOfStream = true;
            } else {
                buf.position(buf.position() + n);
            }
        }
        buf.flip();
        return buf.remaining() >= bytes;
    }

    /** The file offset of the next unparsed byte. */
    private long offset() {
        return windowStart + buf.position();
    }

    /** Bytes between the next unparsed byte and the trailer, for a file of known length. */
    private long payloadLeft() {
        return fileLength - ModelFile.TRAILER_BYTES - offset();
    }

    private void note(String message) {
        if (problem == null) {
            problem = message;
        }
    }

    private void throwProblem() throws ModelFormatException {
        if (problem != null) {
            throw new ModelFormatException(problem);
        }
    }
}
