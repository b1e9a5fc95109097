package org.movierec.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;
import org.movierec.core.data.RatingScale;
import org.movierec.core.ids.IdIndex;

/** Random models and byte-level helpers for the model file tests. */
final class TestModels {

    private TestModels() {
    }

    /** A model with ids {@code user-<n>} and {@code movie+<n>+<year>} and Gaussian parameters. */
    static SvdModel random(long seed, int users, int items, int factors, RatingScale scale,
                           Map<String, String> hyperparameters, Map<String, String> metadata) {
        List<String> userIds = new ArrayList<>(users);
        for (int u = 0; u < users; u++) {
            userIds.add("user-" + u);
        }
        List<String> itemIds = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            itemIds.add("movie+" + i + "+" + (1950 + i % 75));
        }
        return random(seed, userIds, itemIds, factors, scale, hyperparameters, metadata);
    }

    static SvdModel random(long seed, List<String> userIds, List<String> itemIds, int factors, RatingScale scale,
                           Map<String, String> hyperparameters, Map<String, String> metadata) {
        Random rnd = new Random(seed);
        int users = userIds.size();
        int items = itemIds.size();
        return new SvdModel(IdIndex.of(userIds), IdIndex.of(itemIds), factors, 3.5f + (float) rnd.nextGaussian() * 0.1f,
                gaussian(rnd, users, 0.3), gaussian(rnd, items, 0.3),
                gaussian(rnd, users * factors, 0.1), gaussian(rnd, items * factors, 0.1),
                scale, hyperparameters, metadata);
    }

    static float[] gaussian(Random rnd, int n, double std) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rnd.nextGaussian() * std);
        }
        return a;
    }

    static byte[] bytes(SvdModel model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelFile.write(model, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Recomputes the trailer of a file whose payload was edited, so only the edit itself is wrong. */
    static void fixTrailer(byte[] file) {
        int payload = file.length - ModelFile.TRAILER_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(file, 0, payload);
        ByteBuffer.wrap(file, payload, ModelFile.TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(payload).putInt((int) crc.getValue());
    }

    /** Asserts every field of {@code actual} equals {@code expected}, floats bit for bit. */
    static void assertSameModel(SvdModel actual, SvdModel expected) {
        assertThat(actual.users().ids()).containsExactlyElementsOf(expected.users().ids());
        assertThat(actual.items().ids()).containsExactlyElementsOf(expected.items().ids());
        assertThat(actual.factors()).isEqualTo(expected.factors());
        assertThat(Float.floatToRawIntBits(actual.globalMean())).isEqualTo(Float.floatToRawIntBits(expected.globalMean()));
        assertThat(bits(actual.userBias())).isEqualTo(bits(expected.userBias()));
        assertThat(bits(actual.itemBias())).isEqualTo(bits(expected.itemBias()));
        assertThat(bits(actual.userFactors())).isEqualTo(bits(expected.userFactors()));
        assertThat(bits(actual.itemFactors())).isEqualTo(bits(expected.itemFactors()));
        assertThat(actual.scale()).isEqualTo(expected.scale());
        assertThat(actual.hyperparameters()).containsExactlyEntriesOf(expected.hyperparameters());
        assertThat(actual.metadata()).containsExactlyEntriesOf(expected.metadata());
        for (String id : expected.users().ids()) {
            assertThat(actual.users().indexOf(id)).isEqualTo(expected.users().indexOf(id));
        }
    }

    static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
