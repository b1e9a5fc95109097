package org.movierec.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.movierec.core.model.TestModels.assertSameModel;
import static org.movierec.core.model.TestModels.bytes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.core.data.RatingScale;
import org.movierec.core.ids.IdIndex;
import org.movierec.core.train.TrainingParams;

class ModelFileTest {

    @TempDir
    Path dir;

    private static Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dataHash", "md5:0123456789abcdef0123456789abcdef");
        m.put("trainedAt", "2025-10-17T01:38:54Z");
        m.put("epochs", "37");
        m.put("validationRmse", "0.8731");
        m.put("note", "");
        return m;
    }

    @Test
    void roundTripThroughStreamPreservesEveryFieldBitExactly() throws IOException {
        SvdModel model = TestModels.random(1, 57, 31, 7, RatingScale.ONE_TO_FIVE,
                TrainingParams.defaults().withFactors(7).toMap(), metadata());

        SvdModel read = ModelFile.read(new ByteArrayInputStream(bytes(model)));

        assertSameModel(read, model);
        assertThat(read.predict(3, 5)).isEqualTo(model.predict(3, 5));
    }

    @Test
    void roundTripThroughPathPreservesEveryFieldBitExactly() throws IOException {
        SvdModel model = TestModels.random(2, 40, 25, 16, new RatingScale(1, 10),
                TrainingParams.defaults().withFactors(16).toMap(), metadata());
        Path file = dir.resolve("model.mvrec");

        ModelFile.write(model, file);

        assertSameModel(ModelFile.read(file), model);
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes(model));
    }

    @Test
    void ratedAndPopularItemsRoundTripAndAreValidated() throws IOException {
        org.movierec.core.data.Ratings.Builder b = org.movierec.core.data.Ratings.builder();
        b.add("u1", "m3", 4, 0).add("u1", "m1", 5, 0).add("u1", "m3", 2, 1).add("u3", "m2", 1, 0);
        b.users().add("u4");
        org.movierec.core.data.Ratings ratings = b.build();
        RatedItems rated = RatedItems.of(ratings);
        assertThat(rated.of(0)).containsExactly(0, 1); // m3 twice counts once; ascending indices m3=0, m1=1
        assertThat(rated.valuesOf(0)).containsExactly(2f, 5f); // the later rating of m3 (time 1) wins
        assertThat(rated.contains(1, 2)).isTrue();
        assertThat(rated.count(2)).isZero();
        SvdModel model = new SvdModel(ratings.users(), ratings.items(), 2, 3f, new float[3], new float[3],
                new float[6], new float[6], RatingScale.ONE_TO_FIVE, Map.of(), Map.of())
                .withTrainingData(rated, new int[] {2, 0});

        SvdModel back = ModelFile.read(new java.io.ByteArrayInputStream(toBytes(model)));

        assertThat(back.ratedItems().offsets()).containsExactly(rated.offsets());
        assertThat(back.ratedItems().items()).containsExactly(rated.items());
        assertThat(back.ratedItems().values()).containsExactly(rated.values());
        assertThat(back.popularItems()).containsExactly(2, 0);
    }

    @Test
    void largeRatedItemsRoundTripAcrossBufferBoundaries() throws IOException {
        // 2,000 users x 160 ratings: 1.28 MB of item indices and as much of values, neither aligned to a buffer.
        org.movierec.core.data.Ratings.Builder b = org.movierec.core.data.Ratings.builder();
        for (int u = 0; u < 2_000; u++) {
            for (int j = 0; j < 160; j++) {
                b.add("u" + u, "m" + ((u * 7 + j * 3) % 500), 1 + (u + j) % 5, j);
            }
        }
        org.movierec.core.data.Ratings ratings = b.build();
        RatedItems rated = RatedItems.of(ratings);
        int users = ratings.users().size();
        int items = ratings.items().size();
        int[] popular = new int[items];
        for (int i = 0; i < items; i++) {
            popular[i] = items - 1 - i;
        }
        SvdModel model = new SvdModel(ratings.users(), ratings.items(), 2, 3f, new float[users], new float[items],
                new float[users * 2], new float[items * 2], RatingScale.ONE_TO_FIVE, Map.of(), Map.of())
                .withTrainingData(rated, popular);
        assertThat(rated.items().length).isGreaterThan(ModelFile.BUFFER_SIZE / Integer.BYTES);

        SvdModel back = ModelFile.read(new ByteArrayInputStream(toBytes(model)));

        assertThat(back.ratedItems().offsets()).containsExactly(rated.offsets());
        assertThat(back.ratedItems().items()).containsExactly(rated.items());
        assertThat(back.ratedItems().values()).containsExactly(rated.values());
        assertThat(back.popularItems()).containsExactly(popular);
    }

    private static byte[] toBytes(SvdModel model) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ModelFile.write(model, out);
        return out.toByteArray();
    }

    @Test
    void specialFloatBitPatternsSurvive() throws IOException {
        float[] userBias = {-0.0f, Float.MIN_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL};
        float[] userFactors = {Float.MAX_VALUE, -Float.MIN_VALUE, 0.1f, -0.0f};
        SvdModel model = new SvdModel(IdIndex.of(List.of("1", "2", "3", "4")), IdIndex.of(List.of("m")), 1,
                -0.0f, userBias, new float[] {1e-40f}, userFactors, new float[] {3.4e38f},
                new RatingScale(0.5, 5), Map.of(), Map.of());

        assertSameModel(ModelFile.read(new ByteArrayInputStream(bytes(model))), model);
    }

    @Test
    void roundTripWithEmptyHyperparametersAndMetadata() throws IOException {
        SvdModel model = TestModels.random(3, 5, 4, 3, RatingScale.ONE_TO_FIVE, Map.of(), Map.of());

        SvdModel read = ModelFile.read(new ByteArrayInputStream(bytes(model)));

        assertSameModel(read, model);
        assertThat(read.hyperparameters()).isEmpty();
        assertThat(read.metadata()).isEmpty();
    }

    @Test
    void roundTripOfAModelWithoutUsersOrItems() throws IOException {
        SvdModel model = TestModels.random(4, 0, 0, 8, RatingScale.ONE_TO_FIVE, Map.of(), Map.of("empty", "yes"));

        SvdModel read = ModelFile.read(new ByteArrayInputStream(bytes(model)));

        assertSameModel(read, model);
        assertThat(read.users().size()).isZero();
    }

    @Test
    void unicodeIdsAndMapEntriesSurvive() throws IOException {
        List<String> users = List.of("1", "zoë", "ユーザー", "👩‍🎤");
        List<String> items = List.of("amélie+2001", "padre+nuestro+2007", "千と千尋の神隠し+2001", "léon+1994",
                "🎬+2020", "a".repeat(300));
        Map<String, String> metadata = Map.of("comment", "entraîné à Zürich — 🚀", "ключ", "значение");
        SvdModel model = TestModels.random(5, users, items, 4, RatingScale.ONE_TO_FIVE, Map.of(), metadata);
        Path file = dir.resolve("unicode.mvrec");

        ModelFile.write(model, file);
        SvdModel read = ModelFile.read(file);

        assertSameModel(read, model);
        assertThat(read.items().indexOf("amélie+2001")).isZero();
        assertThat(read.predict("zoë", "🎬+2020")).isEqualTo(model.predict("zoë", "🎬+2020"));
    }

    @Test
    void metadataValueLongerThanTheBufferSurvives() throws IOException {
        String big = "x".repeat(ModelFile.BUFFER_SIZE + 12_345) + "é";
        SvdModel model = TestModels.random(6, 3, 3, 2, RatingScale.ONE_TO_FIVE, Map.of(), Map.of("blob", big));
        Path file = dir.resolve("blob.mvrec");

        ModelFile.write(model, file);

        assertSameModel(ModelFile.read(file), model);
        assertSameModel(ModelFile.read(new ByteArrayInputStream(bytes(model))), model);
        assertThat(ModelFile.readInfo(file).metadata()).containsEntry("blob", big);
    }

    @Test
    void largeModelRoundTripsAcrossManyBufferBoundaries() throws IOException {
        // 200k users x 32 factors is 25.6 MB of user factors: about 25 buffer refills, none aligned to a row.
        SvdModel model = TestModels.random(7, 200_000, 2_000, 32, RatingScale.ONE_TO_FIVE,
                TrainingParams.defaults().withFactors(32).toMap(), metadata());
        Path file = dir.resolve("large.mvrec");

        ModelFile.write(model, file);

        assertSameModel(ModelFile.read(file), model);
        try (InputStream in = new TrickleInputStream(Files.newInputStream(file))) {
            assertSameModel(ModelFile.read(in), model);
        }
        assertThat(ModelFile.readInfo(file)).isEqualTo(ModelInfo.of(model));
    }

    @Test
    void writeToPathReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("current.mvrec");
        Files.writeString(file, "previous version");
        SvdModel model = TestModels.random(8, 10, 10, 4, RatingScale.ONE_TO_FIVE, Map.of(), Map.of("v", "2"));

        ModelFile.write(model, file);

        assertSameModel(ModelFile.read(file), model);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void writeRejectsAModelItCannotRepresentBeforeWritingAnything() throws IOException {
        SvdModel nan = TestModels.random(9, 3, 3, 2, RatingScale.ONE_TO_FIVE, Map.of(), Map.of());
        nan.itemFactors()[4] = Float.NaN;
        SvdModel tooWide = new SvdModel(new IdIndex(), new IdIndex(), ModelFile.MAX_FACTORS + 1, 3f, new float[0],
                new float[0], new float[0], new float[0], RatingScale.ONE_TO_FIVE, Map.of(), Map.of());
        SvdModel badId = TestModels.random(9, List.of("ok", "broken\uD800"), List.of("m"), 2, RatingScale.ONE_TO_FIVE,
                Map.of(), Map.of());
        Path file = dir.resolve("rejected.mvrec");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> ModelFile.write(nan, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite value in item factors");
        assertThatThrownBy(() -> ModelFile.write(nan, file)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModelFile.write(tooWide, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4097 factors");
        assertThatThrownBy(() -> ModelFile.write(badId, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user ids");

        assertThat(out.size()).isZero();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void readInfoReturnsTheHeader() throws IOException {
        SvdModel model = TestModels.random(10, 30, 20, 5, new RatingScale(1, 10),
                TrainingParams.defaults().withFactors(5).toMap(), metadata());
        Path file = dir.resolve("info.mvrec");
        ModelFile.write(model, file);

        ModelInfo info = ModelFile.readInfo(file);

        assertThat(info).isEqualTo(ModelInfo.of(model));
        assertThat(info.formatVersion()).isEqualTo(1);
        assertThat(info.factors()).isEqualTo(5);
        assertThat(info.users()).isEqualTo(30);
        assertThat(info.items()).isEqualTo(20);
        assertThat(info.scale()).isEqualTo(new RatingScale(1, 10));
        assertThat(info.hyperparameters()).containsExactlyEntriesOf(model.hyperparameters());
        assertThat(info.metadata()).containsExactlyEntriesOf(metadata());
    }

    @Test
    void readInfoNeitherReadsNorNeedsTheArrays() throws IOException {
        SvdModel model = TestModels.random(11, 50_000, 1_000, 16, RatingScale.ONE_TO_FIVE, Map.of(), metadata());
        byte[] file = bytes(model);
        // Garbage over the factor arrays: the full read fails, the header is still fine.
        for (int i = file.length - 100_000; i < file.length - ModelFile.TRAILER_BYTES; i++) {
            file[i] = (byte) 0xFF;
        }
        Path path = dir.resolve("damaged-arrays.mvrec");
        Files.write(path, file);

        assertThat(ModelFile.readInfo(path)).isEqualTo(ModelInfo.of(model));
        assertThatThrownBy(() -> ModelFile.read(path)).isInstanceOf(ModelFormatException.class);

        CountingInputStream counting = new CountingInputStream(new ByteArrayInputStream(file));
        new ModelFileReader(counting, file.length, ModelFile.INFO_BUFFER_SIZE).readInfo();
        assertThat(counting.count).isLessThanOrEqualTo(ModelFile.INFO_BUFFER_SIZE).isLessThan(file.length / 10);
    }

    /** Returns at most 1000 bytes per read, like a slow network stream. */
    private static final class TrickleInputStream extends FilterInputStream {
        TrickleInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1000));
        }
    }

    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
