package org.movierec.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.movierec.core.model.TestModels.bytes;
import static org.movierec.core.model.TestModels.fixTrailer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.core.data.RatingScale;
import org.movierec.core.train.TrainingParams;

class ModelFileCorruptionTest {

    @TempDir
    Path dir;

    /** A tiny but complete model: every section is present and a few bytes long. */
    private static SvdModel tiny() {
        return TestModels.random(42, List.of("u1", "zoë"), List.of("amélie+2001", "m2", "m3"), 2,
                RatingScale.ONE_TO_FIVE, Map.of("factors", "2", "lr", "0.007"), Map.of("data", "md5:ab"));
    }

    /** Reads {@code file} both as a stream and as a file on disk, expecting a format error from both. */
    private ModelFormatException rejected(byte[] file) throws IOException {
        Throwable fromStream = catchThrowable(() -> ModelFile.read(new ByteArrayInputStream(file)));
        Path path = Files.write(dir.resolve("corrupt.mvrec"), file);
        Throwable fromPath = catchThrowable(() -> ModelFile.read(path));
        assertThat(fromStream).isInstanceOf(ModelFormatException.class);
        assertThat(fromPath).isInstanceOf(ModelFormatException.class);
        return (ModelFormatException) fromStream;
    }

    private static ByteBuffer header(byte[] file) {
        return ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void everyTruncationIsAFormatError() throws IOException {
        SvdModel model = tiny();
        byte[] file = bytes(model);
        for (int length = 0; length < file.length; length++) {
            byte[] truncated = Arrays.copyOf(file, length);
            Throwable thrown = catchThrowable(() -> ModelFile.read(new ByteArrayInputStream(truncated)));
            assertThat(thrown).as("truncated to %d of %d bytes", length, file.length)
                    .isInstanceOf(ModelFormatException.class);
            Path path = Files.write(dir.resolve("truncated.mvrec"), truncated);
            assertThat(catchThrowable(() -> ModelFile.read(path))).as("file truncated to %d bytes", length)
                    .isInstanceOf(ModelFormatException.class);
            // readInfo reads only the header: a file cut after it may pass, but never with a wrong answer.
            try {
                assertThat(ModelFile.readInfo(path)).as("info of file truncated to %d bytes", length)
                        .isEqualTo(ModelInfo.of(model));
            } catch (ModelFormatException expected) {
                // fine
            }
        }
    }

    @Test
    void truncationOfALargerModelAtSampledOffsetsIsAFormatError() throws IOException {
        byte[] file = bytes(TestModels.random(1, 3_000, 500, 24, RatingScale.ONE_TO_FIVE,
                TrainingParams.defaults().withFactors(24).toMap(), Map.of("k", "v")));
        for (int length = 0; length < file.length; length += 997) {
            byte[] truncated = Arrays.copyOf(file, length);
            assertThat(catchThrowable(() -> ModelFile.read(new ByteArrayInputStream(truncated))))
                    .as("truncated to %d of %d bytes", length, file.length).isInstanceOf(ModelFormatException.class);
        }
    }

    /** The tiny model's training-data sections: rated count, 2+1 offsets, popular count. */
    private static final int TINY_TRAINING_DATA_BYTES = 4 + 4 * 3 + 4;

    @Test
    void truncationNamesTheSection() throws IOException {
        byte[] file = bytes(tiny());
        byte[] truncated = Arrays.copyOf(file, file.length - ModelFile.TRAILER_BYTES - TINY_TRAINING_DATA_BYTES - 5);

        assertThatThrownBy(() -> ModelFile.read(new ByteArrayInputStream(truncated)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith("truncated: expected 5 more bytes of item factors");
        assertThatThrownBy(() -> ModelFile.read(new ByteArrayInputStream(Arrays.copyOf(file, file.length - 3))))
                .hasMessageStartingWith("truncated: expected 3 more bytes of trailer");
        assertThatThrownBy(() -> ModelFile.read(Files.write(dir.resolve("t.mvrec"), truncated)))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("truncated");
    }

    @Test
    void everySingleByteChangeIsDetected() throws IOException {
        byte[] file = bytes(tiny());
        for (int position = 0; position < file.length; position++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF, 0x5A}) {
                byte[] damaged = file.clone();
                damaged[position] ^= (byte) mask;
                Throwable thrown = catchThrowable(() -> ModelFile.read(new ByteArrayInputStream(damaged)));
                assertThat(thrown).as("byte %d of %d xor %02x", position, file.length, mask)
                        .isInstanceOf(ModelFormatException.class);
            }
        }
    }

    @Test
    void byteChangesInALargerModelAreDetected() throws IOException {
        byte[] file = bytes(TestModels.random(2, 3_000, 500, 24, RatingScale.ONE_TO_FIVE, Map.of(), Map.of()));
        for (int position = 0; position < file.length; position += 389) {
            byte[] damaged = file.clone();
            damaged[position] ^= 0x10;
            assertThat(catchThrowable(() -> ModelFile.read(new ByteArrayInputStream(damaged))))
                    .as("byte %d", position).isInstanceOf(ModelFormatException.class);
        }
    }

    @Test
    void damageInsideTheArraysIsReportedAsAChecksumMismatch() throws IOException {
        byte[] file = bytes(tiny());
        // The high byte of the first item-factor float, turned into NaN's exponent: still reported as damage.
        file[file.length - ModelFile.TRAILER_BYTES - 6 * 4 + 3] = (byte) 0x7F;
        file[file.length - ModelFile.TRAILER_BYTES - 6 * 4 + 2] = (byte) 0xC0;

        assertThat(rejected(file)).hasMessageStartingWith("checksum mismatch: file corrupted");
    }

    @Test
    void wrongMagicIsNotAModelFile() throws IOException {
        assertThat(rejected("PK\u0003\u0004 this is a zip, not a model".getBytes(StandardCharsets.ISO_8859_1)))
                .hasMessageContaining("not a MovieRec model file");
        assertThat(rejected("MVRX".getBytes(StandardCharsets.US_ASCII))).hasMessageContaining("not a MovieRec model file");
        byte[] file = bytes(tiny());
        file[7] = 'X';
        assertThat(rejected(file)).hasMessageContaining("not a MovieRec model file");
    }

    @Test
    void emptyFileAndBareMagicAreTruncated() throws IOException {
        assertThat(rejected(new byte[0])).hasMessageStartingWith("truncated");
        assertThat(rejected("MVREC".getBytes(StandardCharsets.US_ASCII))).hasMessageStartingWith("truncated");
        assertThat(rejected(ModelFile.MAGIC.getBytes(StandardCharsets.US_ASCII))).hasMessageStartingWith("truncated");
    }

    @Test
    void unsupportedVersionIsNamed() throws IOException {
        byte[] file = bytes(tiny());
        header(file).putInt(8, 7);
        fixTrailer(file);

        assertThat(rejected(file)).hasMessageContaining("format version 7, this build reads 1");
        Path path = Files.write(dir.resolve("v7.mvrec"), file);
        assertThatThrownBy(() -> ModelFile.readInfo(path)).hasMessageContaining("format version 7, this build reads 1");
    }

    @Test
    void impossibleHeaderValuesAreRejected() throws IOException {
        for (int[] fields : new int[][] {{0, 2, 3}, {-1, 2, 3}, {4097, 2, 3}, {2, -1, 3}, {2, 2, Integer.MIN_VALUE}}) {
            byte[] file = bytes(tiny());
            header(file).putInt(12, fields[0]).putInt(16, fields[1]).putInt(20, fields[2]);
            fixTrailer(file);
            assertThat(rejected(file)).as("factors %d, users %d, items %d", fields[0], fields[1], fields[2])
                    .hasMessageStartingWith("invalid header");
        }
    }

    @Test
    void hugeUserCountInASmallFileFailsBeforeAllocating() throws IOException {
        byte[] file = bytes(tiny());
        header(file).putInt(16, Integer.MAX_VALUE);
        fixTrailer(file);
        Path path = Files.write(dir.resolve("huge.mvrec"), file);

        assertThat(rejected(file)).hasMessageStartingWith("invalid header");
        assertThatThrownBy(() -> ModelFile.readInfo(path)).isInstanceOf(ModelFormatException.class);

        header(file).putInt(12, 1).putInt(16, Integer.MAX_VALUE - 8);
        fixTrailer(file);
        assertThat(rejected(file)).isInstanceOf(ModelFormatException.class);
        assertThatThrownBy(() -> ModelFile.read(Files.write(path, file)))
                .hasMessageContaining("need at least").hasMessageContaining("but the file has only");
    }

    @Test
    void streamClaimingMoreFactorsThanTheHeapCanHoldFailsWithoutOutOfMemory() throws IOException {
        // 2^21 users with empty ids and zero biases really are in the stream (16 MiB); their 2^21 x 1023
        // factors (8.6 GB, more than this test heap) are not. A reader that trusts the header would need
        // one array larger than the heap; this one grows the array only as floats arrive.
        int users = 1 << 21;
        int factors = 1023;
        assertThat((long) users * factors * Float.BYTES).isGreaterThan(Runtime.getRuntime().maxMemory());
        ByteBuffer head = ByteBuffer.allocate(ModelFile.FIXED_HEADER_BYTES + 8).order(ByteOrder.LITTLE_ENDIAN);
        head.put(ModelFile.MAGIC_BYTES).putInt(1).putInt(factors).putInt(users).putInt(0).putFloat(3.5f)
                .putDouble(1).putDouble(5).putInt(0).putInt(0);
        byte[] body = new byte[users * 8];

        Throwable thrown = catchThrowable(() -> ModelFile.read(new SequenceInputStream(
                new ByteArrayInputStream(head.array()), new ByteArrayInputStream(body))));

        assertThat(thrown).isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith("truncated: expected " + ((long) users * factors * 4) + " more bytes of user factors");
    }

    @Test
    void trailingGarbageIsRejected() throws IOException {
        byte[] file = bytes(tiny());
        byte[] longer = Arrays.copyOf(file, file.length + 1);

        assertThat(rejected(longer)).hasMessageContaining("trailing garbage");
        assertThat(rejected(Arrays.copyOf(file, file.length + 100_000))).hasMessageContaining("trailing garbage");
        byte[] twice = Arrays.copyOf(file, 2 * file.length);
        System.arraycopy(file, 0, twice, file.length, file.length);
        assertThat(rejected(twice)).hasMessageContaining("trailing garbage");
    }

    @Test
    void nonFiniteValuesAreRejectedEvenWithAValidChecksum() throws IOException {
        SvdModel model = tiny();
        byte[] good = bytes(model);
        int itemFactors = good.length - ModelFile.TRAILER_BYTES - TINY_TRAINING_DATA_BYTES - 3 * 2 * 4;
        int userFactors = itemFactors - 2 * 2 * 4;
        int itemBiases = userFactors - 3 * 4;
        int userBiases = itemBiases - 2 * 4;

        record Case(int offset, float value, String message) {
        }
        for (Case c : List.of(new Case(itemFactors + 8, Float.NaN, "non-finite value in item factors"),
                new Case(userFactors, Float.POSITIVE_INFINITY, "non-finite value in user factors"),
                new Case(itemBiases + 4, Float.NEGATIVE_INFINITY, "non-finite value in item biases"),
                new Case(userBiases, Float.NaN, "non-finite value in user biases"),
                new Case(24, Float.NaN, "non-finite global mean"))) {
            byte[] file = good.clone();
            header(file).putFloat(c.offset, c.value);
            fixTrailer(file);
            assertThat(rejected(file)).hasMessageContaining(c.message);
        }
    }

    @Test
    void invalidScaleIsRejected() throws IOException {
        byte[] file = bytes(tiny());
        header(file).putDouble(28, 5).putDouble(36, 1);
        fixTrailer(file);

        assertThat(rejected(file)).hasMessageContaining("invalid rating scale");
    }

    @Test
    void duplicateIdsAreRejected() throws IOException {
        SvdModel model = TestModels.random(3, List.of("u1", "u2"), List.of("m+1", "m+2", "m+3"), 2,
                RatingScale.ONE_TO_FIVE, Map.of(), Map.of());
        byte[] file = bytes(model);
        replaceOnce(file, "m+3", "m+1");
        fixTrailer(file);

        assertThat(rejected(file)).hasMessageContaining("duplicate id in item ids: 'm+1'");
    }

    @Test
    void duplicateMapKeysAndMalformedUtf8AreRejected() throws IOException {
        SvdModel model = TestModels.random(4, List.of("u1"), List.of("m1"), 2, RatingScale.ONE_TO_FIVE,
                Map.of("alpha", "1"), Map.of("alphb", "2", "alphc", "3"));
        byte[] file = bytes(model);
        replaceOnce(file, "alphc", "alphb");
        fixTrailer(file);
        assertThat(rejected(file)).hasMessageContaining("duplicate key in metadata: alphb");

        byte[] utf8 = bytes(model);
        int at = indexOf(utf8, "alpha".getBytes(StandardCharsets.US_ASCII));
        utf8[at] = (byte) 0xC3; // a lead byte followed by an ASCII byte: malformed
        fixTrailer(utf8);
        assertThat(rejected(utf8)).hasMessageContaining("malformed UTF-8 in hyperparameters");
    }

    @Test
    void negativeOrOversizedStringLengthIsRejected() throws IOException {
        byte[] file = bytes(tiny());
        int lengthField = indexOf(file, "u1".getBytes(StandardCharsets.US_ASCII)) - 4;
        header(file).putInt(lengthField, -5);
        fixTrailer(file);
        assertThat(rejected(file)).hasMessageContaining("invalid string length -5 in user ids");

        header(file).putInt(lengthField, ModelFile.MAX_STRING_BYTES + 1);
        fixTrailer(file);
        assertThat(rejected(file)).hasMessageContaining("invalid string length");
    }

    @Test
    void payloadLengthMismatchIsRejected() throws IOException {
        byte[] file = bytes(tiny());
        header(file).putLong(file.length - ModelFile.TRAILER_BYTES, file.length);

        assertThat(rejected(file)).hasMessageContaining("file corrupted");
    }

    private static void replaceOnce(byte[] file, String from, String to) {
        byte[] a = from.getBytes(StandardCharsets.UTF_8);
        byte[] b = to.getBytes(StandardCharsets.UTF_8);
        int at = indexOf(file, a);
        assertThat(at).isNotNegative();
        System.arraycopy(b, 0, file, at, b.length);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
