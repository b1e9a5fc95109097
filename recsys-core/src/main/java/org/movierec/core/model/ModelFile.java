package org.movierec.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The binary file format of an {@link SvdModel}: one self-describing, checksummed file that the
 * retrain service writes and every inference replica loads.
 *
 * <h2>Layout</h2>
 *
 * <p>All numbers are <b>little-endian</b>; {@code float32} and {@code float64} are IEEE 754. Sizes
 * are in bytes; {@code U}, {@code I} and {@code k} are the user count, item count and factors from
 * the header.
 *
 * <table>
 * <caption>Model file, format versions 1 and 2</caption>
 * <tr><th>offset</th><th>size</th><th>type</th><th>field</th></tr>
 * <tr><td>0</td><td>8</td><td>ASCII</td><td>magic {@code MVRECSVD}</td></tr>
 * <tr><td>8</td><td>4</td><td>int32</td><td>format version: {@value #EXPLICIT_FORMAT_VERSION} (explicit-only model) or
 *     {@value #FORMAT_VERSION} (SVD++ model)</td></tr>
 * <tr><td>12</td><td>4</td><td>int32</td><td>factors {@code k}, 1..{@value #MAX_FACTORS}</td></tr>
 * <tr><td>16</td><td>4</td><td>int32</td><td>user count {@code U} &ge; 0</td></tr>
 * <tr><td>20</td><td>4</td><td>int32</td><td>item count {@code I} &ge; 0</td></tr>
 * <tr><td>24</td><td>4</td><td>float32</td><td>global mean &mu;</td></tr>
 * <tr><td>28</td><td>8</td><td>float64</td><td>rating scale minimum</td></tr>
 * <tr><td>36</td><td>8</td><td>float64</td><td>rating scale maximum</td></tr>
 * <tr><td>44</td><td>var</td><td>map</td><td>hyperparameters</td></tr>
 * <tr><td></td><td>var</td><td>map</td><td>metadata</td></tr>
 * <tr><td></td><td>var</td><td>U &times; string</td><td>user ids, by user index</td></tr>
 * <tr><td></td><td>var</td><td>I &times; string</td><td>item ids, by item index</td></tr>
 * <tr><td></td><td>4U</td><td>float32[U]</td><td>user biases</td></tr>
 * <tr><td></td><td>4I</td><td>float32[I]</td><td>item biases</td></tr>
 * <tr><td></td><td>4Uk</td><td>float32[U&middot;k]</td><td>user factors, row-major by user</td></tr>
 * <tr><td></td><td>4Ik</td><td>float32[I&middot;k]</td><td>item factors, row-major by item</td></tr>
 * <tr><td></td><td>4</td><td>int32</td><td>rated pairs {@code R} &ge; 0</td></tr>
 * <tr><td></td><td>4(U+1)</td><td>int32[U+1]</td><td>rated-item row offsets, 0 to {@code R}, non-decreasing</td></tr>
 * <tr><td></td><td>4R</td><td>int32[R]</td><td>rated items (item indices), ascending within each user</td></tr>
 * <tr><td></td><td>4R</td><td>float32[R]</td><td>their ratings</td></tr>
 * <tr><td></td><td>4</td><td>int32</td><td>popular items {@code N}, 0..I</td></tr>
 * <tr><td></td><td>4N</td><td>int32[N]</td><td>item indices by popularity, best first, distinct</td></tr>
 * <tr><td></td><td>4Ik</td><td>float32[I&middot;k]</td><td>version 2 only: implicit item factors {@code y}, row-major by item</td></tr>
 * <tr><td></td><td>4</td><td>int32</td><td>version 2 only: implicit pairs {@code M} &ge; 0</td></tr>
 * <tr><td></td><td>4(U+1)</td><td>int32[U+1]</td><td>version 2 only: implicit-set row offsets, 0 to {@code M}, non-decreasing</td></tr>
 * <tr><td></td><td>4M</td><td>int32[M]</td><td>version 2 only: each user's implicit set {@code N(u)} (item indices), ascending within each user</td></tr>
 * <tr><td>P</td><td>8</td><td>int64</td><td>trailer: payload length {@code P}, the number of bytes before the trailer</td></tr>
 * <tr><td>P+8</td><td>4</td><td>uint32</td><td>trailer: CRC32C of bytes {@code [0, P)}</td></tr>
 * </table>
 *
 * <p>A <i>string</i> is an int32 byte length {@code L} (0..{@value #MAX_STRING_BYTES}) followed by
 * {@code L} bytes of UTF-8. A <i>map</i> is an int32 entry count {@code n} &ge; 0 followed by
 * {@code n} (key string, value string) pairs, keys unique, in the map's iteration order. Ids within a
 * table are unique. Every bias, factor and the global mean is finite; the scale has
 * {@code min < max}, both finite. The file ends right after the trailer.
 *
 * <p>In a version 2 file the user factors are the <i>effective</i> vectors
 * {@code p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j} of SVD++ (Koren 2008), so serving reads and scores them as it
 * does version 1's; {@code y} and {@code N(u)} are there for fold-in. An explicit-only model is still
 * written as version 1, byte for byte as before, so older builds keep reading it.
 *
 * <h2>Reading</h2>
 *
 * <p>Readers stream the file through one reusable buffer of 1 MiB, moving floats
 * in bulk and updating the CRC32C over the same bytes, so loading costs little more than the disk read.
 * Everything that can go wrong with the bytes is reported as a {@link ModelFormatException}; other
 * {@link IOException}s come from the underlying file or stream. Header values that would make the
 * reader allocate more than the file could possibly hold are rejected before anything is allocated;
 * where the length is unknown ({@link #read(InputStream)}), arrays grow only as bytes actually arrive, so
 * a corrupted header cannot exhaust the heap either. Structural problems (truncation, impossible sizes)
 * are reported as soon as they are seen; problems with values (non-finite numbers, duplicate ids,
 * malformed UTF-8) are reported only after the checksum has been verified, so a damaged file is
 * reported as a checksum mismatch rather than by the symptom the damage happened to cause.
 *
 * <h2>Writing</h2>
 *
 * <p>{@link #write(SvdModel, Path)} never leaves a partial file under the target name: it writes a
 * temporary file in the same directory, forces it to disk, atomically renames it over the target and
 * forces the directory, so a reader sees the old model or the new one, never a mixture, even across a
 * crash. Writers validate the model before writing the first byte.
 *
 * <p>This class is stateless; every method is safe to call from any number of threads.
 */
public final class ModelFile {

    /** The first eight bytes of every model file. */
    public static final String MAGIC = "MVRECSVD";

    /** The newest format version, which this build writes for SVD++ models; it reads this one and every older one. */
    public static final int FORMAT_VERSION = 2;

    /** The format version of explicit-only models (no implicit factors), which this build still writes for them. */
    public static final int EXPLICIT_FORMAT_VERSION = 1;

    /** The largest number of factors a file may declare. */
    public static final int MAX_FACTORS = 4096;

    /** The largest encoded length of one string (an id, a map key or value), in bytes. */
    public static final int MAX_STRING_BYTES = 16 * 1024 * 1024;

    static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);
    static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    /** Bytes of the fixed part of the header, from the magic to the scale maximum. */
    static final int FIXED_HEADER_BYTES = 44;
    /** Bytes of the trailer: payload length and checksum. */
    static final int TRAILER_BYTES = 12;
    /** Size of the I/O buffer of readers and writers; a multiple of 4 and at least {@link #FIXED_HEADER_BYTES}. */
    static final int BUFFER_SIZE = 1 << 20;
    /** Size of the buffer of {@link #readInfo(Path)}, which reads only the header. */
    static final int INFO_BUFFER_SIZE = 64 * 1024;
    /** The longest Java array the format allows: the usual VM limit. */
    static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private ModelFile() {
    }

    /** The format version {@code model} is written in: 2 with implicit factors, else 1. */
    public static int formatVersionOf(SvdModel model) {
        return model.implicitFactors().isPresent() ? FORMAT_VERSION : EXPLICIT_FORMAT_VERSION;
    }

    /**
     * Writes {@code model} to {@code out}, then flushes it; {@code out} is not closed. The stream should
     * be buffered only if it is slow to take large writes: this method writes in chunks of 1 MiB.
     *
     * @throws IllegalArgumentException if the model cannot be represented: more than {@value #MAX_FACTORS}
     *                                  factors, a non-finite bias, factor or global mean, a string that is
     *                                  not valid Unicode or longer than {@value #MAX_STRING_BYTES} bytes
     *                                  in UTF-8, a null map key or value. Nothing has been written then.
     * @throws IOException              if {@code out} fails
     */
    public static void write(SvdModel model, OutputStream out) throws IOException {
        ModelFileWriter.validate(model);
        new ModelFileWriter(out).write(model);
    }

    /**
     * Writes {@code model} to {@code path} atomically and durably: to a temporary file in the same
     * directory, forced to disk, then renamed over {@code path} (replacing any existing file), then the
     * directory is forced. On failure the temporary file is deleted and {@code path} is untouched. The
     * directory must exist.
     *
     * @throws IllegalArgumentException as {@link #write(SvdModel, OutputStream)}; nothing is written then
     * @throws IOException              if the file system fails, including when it cannot rename atomically
     */
    public static void write(SvdModel model, Path path) throws IOException {
        ModelFileWriter.validate(model);
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = dir.resolve("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                new ModelFileWriter(Channels.newOutputStream(channel)).write(model);
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        forceDirectory(dir);
    }

    /**
     * Makes the rename durable by forcing the directory entry to disk. Platforms that cannot open a
     * directory as a channel (Windows) make renames durable on their own, so failing to open it is not
     * an error.
     */
    private static void forceDirectory(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException notSupported) {
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }

    /**
     * Reads a model from {@code in}, which must hold exactly one model file: the stream is read to its
     * end, and bytes after the trailer are an error. The stream is not closed.
     *
     * @throws ModelFormatException if the bytes are not a valid model file
     * @throws IOException          if {@code in} fails
     */
    public static SvdModel read(InputStream in) throws IOException {
        return new ModelFileReader(in, -1, BUFFER_SIZE).readModel();
    }

    /**
     * Reads the model file at {@code path}. Header sizes are checked against the file's length before
     * any array is allocated.
     *
     * @throws ModelFormatException if the file is not a valid model file
     * @throws IOException          if the file cannot be read
     */
    public static SvdModel read(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return new ModelFileReader(Channels.newInputStream(channel), channel.size(), BUFFER_SIZE).readModel();
        }
    }

    /**
     * Reads only the header of the model file at {@code path}: format version, sizes, scale,
     * hyperparameters and metadata. The id tables and arrays are neither read nor checksummed, so this
     * is cheap for any model size; it checks that the header is well-formed and that the file is long
     * enough for the sizes it declares, but a file that passes may still fail {@link #read(Path)}.
     *
     * @throws ModelFormatException if the header is not valid
     * @throws IOException          if the file cannot be read
     */
    public static ModelInfo readInfo(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return new ModelFileReader(Channels.newInputStream(channel), channel.size(), INFO_BUFFER_SIZE).readInfo();
        }
    }
}
