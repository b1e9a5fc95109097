package org.movierec.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.movierec.core.model.TestModels.assertSameModel;
import static org.movierec.core.model.TestModels.bits;
import static org.movierec.core.model.TestModels.bytes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.core.data.RatingScale;

/**
 * Format versions: version 1 files (explicit models, as earlier builds wrote them) still load and serve,
 * and SVD++ models round-trip through version 2 with their implicit factors and sets.
 */
class ModelFileVersionsTest {

    /** Written by the format-version-1 writer of commit f155f8b (before version 2 existed); see its metadata. */
    private static final String V1_RESOURCE = "format-v1.mvrec";

    @TempDir
    Path dir;

    @Test
    void aVersion1FileWrittenByTheEarlierBuildLoadsAndServes() throws IOException {
        byte[] file = resource(V1_RESOURCE);
        SvdModel model = ModelFile.read(new ByteArrayInputStream(file));

        assertThat(model.implicitFactors()).isEmpty();
        assertThat(model.users().ids()).containsExactly("u1", "u2", "u3");
        assertThat(model.items().ids()).containsExactly("m10", "m20", "m30", "m40");
        assertThat(model.factors()).isEqualTo(2);
        assertThat(model.globalMean()).isEqualTo(3.5f);
        assertThat(model.userFactors()).containsExactly(0.5f, -0.25f, 1f, 0.5f, 0f, 0f);
        assertThat(model.itemFactors()).containsExactly(0.5f, 0.5f, -1f, 0.25f, 0.75f, -0.5f, 0f, 0f);
        assertThat(model.ratedItems().of(0)).containsExactly(0, 2);
        assertThat(model.ratedItems().valuesOf(0)).containsExactly(4f, 3f);
        assertThat(model.popularItems()).containsExactly(2, 0, 1);
        // u1 on m30: 3.5 + 0.25 + 0.5 + (0.5·0.75 − 0.25·−0.5) = 4.75
        assertThat(model.predict("u1", "m30")).isEqualTo(4.75);
        Path path = dir.resolve("v1.mvrec");
        Files.write(path, file);
        assertThat(ModelFile.readInfo(path).formatVersion()).isEqualTo(ModelFile.EXPLICIT_FORMAT_VERSION);
    }

    @Test
    void anExplicitModelIsStillWrittenAsVersion1ByteForByte() throws IOException {
        byte[] file = resource(V1_RESOURCE);
        assertThat(bytes(ModelFile.read(new ByteArrayInputStream(file)))).isEqualTo(file);
    }

    @Test
    void anImplicitModelRoundTripsThroughVersion2() throws IOException {
        SvdModel model = implicitModel(11, 40, 25, 6);
        Path path = dir.resolve("v2.mvrec");
        ModelFile.write(model, path);

        SvdModel read = ModelFile.read(path);

        assertSameModel(read, model);
        ImplicitFactors expected = model.implicitFactors().orElseThrow();
        ImplicitFactors actual = read.implicitFactors().orElseThrow();
        assertThat(bits(actual.itemFactors())).isEqualTo(bits(expected.itemFactors()));
        assertThat(actual.items().offsets()).isEqualTo(expected.items().offsets());
        assertThat(actual.items().items()).isEqualTo(expected.items().items());
        assertThat(ModelFile.readInfo(path).formatVersion()).isEqualTo(2);
        assertThat(ModelInfo.of(model).formatVersion()).isEqualTo(2);
        assertSameModel(ModelFile.read(new ByteArrayInputStream(bytes(model))), model);
    }

    @Test
    void everyTruncationOfAVersion2FileIsAFormatError() {
        byte[] file = bytes(implicitModel(12, 3, 4, 2));
        for (int length = 0; length < file.length; length++) {
            byte[] truncated = Arrays.copyOf(file, length);
            assertThatThrownBy(() -> ModelFile.read(new ByteArrayInputStream(truncated)))
                    .as("truncated to %d bytes", length).isInstanceOf(ModelFormatException.class);
        }
    }

    @Test
    void anImplicitSetOutOfRangeIsRejectedAfterTheChecksum() {
        SvdModel model = implicitModel(13, 3, 4, 2);
        byte[] file = bytes(model);
        // the last int of the payload is the last implicit item: make it 99 (no such item)
        int at = file.length - ModelFile.TRAILER_BYTES - 4;
        file[at] = 99;
        TestModels.fixTrailer(file);
        assertThatThrownBy(() -> ModelFile.read(new ByteArrayInputStream(file)))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("implicit items");
    }

    /** A random model with implicit factors and random implicit sets. */
    static SvdModel implicitModel(long seed, int users, int items, int factors) {
        SvdModel explicit = TestModels.random(seed, users, items, factors, RatingScale.ONE_TO_FIVE,
                Map.of("algorithm", "sgd-svdpp"), Map.of("k", "v"));
        Random rnd = new Random(seed);
        int[] offsets = new int[users + 1];
        int[] all = new int[users * items];
        int size = 0;
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (rnd.nextInt(3) == 0) {
                    all[size++] = i;
                }
            }
            offsets[u + 1] = size;
        }
        if (size == 0 || all[size - 1] != items - 1) {
            // the corruption test needs the last user's last item to be a real item index
            all[size++] = items - 1;
            offsets[users] = size;
        }
        return new SvdModel(explicit.users(), explicit.items(), factors, explicit.globalMean(), explicit.userBias(),
                explicit.itemBias(), explicit.userFactors(), explicit.itemFactors(), explicit.scale(),
                explicit.hyperparameters(), explicit.metadata(), RatedItems.none(users), new int[0],
                new ImplicitFactors(TestModels.gaussian(rnd, items * factors, 0.1),
                        new ImplicitItems(offsets, Arrays.copyOf(all, size))));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ModelFileVersionsTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
