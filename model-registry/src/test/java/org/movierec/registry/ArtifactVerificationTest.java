package org.movierec.registry;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.movierec.core.data.RatingScale;
import org.movierec.core.ids.IdIndex;
import org.movierec.core.model.ModelFormatException;
import org.movierec.core.model.SvdModel;

class ArtifactVerificationTest {

    @RegisterExtension
    static final InProcessMongo MONGO = new InProcessMongo();

    private MongoDatabase db;
    private ModelRegistry registry;
    private MongoCollection<Document> chunks;

    @BeforeEach
    void newRegistry() {
        db = MONGO.freshDatabase();
        registry = new ModelRegistry(db, new SteppingClock(Instant.parse("2026-11-25T12:00:00Z")));
        chunks = db.getCollection("artifacts.chunks");
    }

    /** Replaces the data of chunk {@code n} of the only stored artifact by {@code edit} of it. */
    private void editChunk(int n, java.util.function.UnaryOperator<byte[]> edit) {
        Document chunk = chunks.find(eq("n", n)).first();
        byte[] data = chunk.get("data", Binary.class).getData();
        chunks.updateOne(eq("_id", chunk.get("_id")), set("data", new Binary(edit.apply(data.clone()))));
    }

    @Test
    void aFlippedByteInAStoredChunkFailsTheLoadWithAClearError() throws Exception {
        byte[] artifact = new byte[400_000];
        new Random(3).nextBytes(artifact);
        ModelVersion version = registry.register(artifact, Map.of(), Map.of(), Map.of());
        assertThat(registry.loadArtifact(version.version())).isEqualTo(artifact);

        editChunk(1, data -> {
            data[17] ^= 0x40;
            return data;
        });

        assertThatThrownBy(() -> registry.loadArtifact(version.version()))
                .isInstanceOf(ArtifactCorruptedException.class)
                .hasMessageStartingWith("artifact of version " + version.version() + ": md5 mismatch, expected "
                        + version.md5() + ", got ");
        assertThatThrownBy(() -> {
            try (InputStream in = registry.openArtifact(version.version())) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }).isInstanceOf(ArtifactCorruptedException.class).hasMessageContaining("md5 mismatch");
    }

    @Test
    void aTruncatedChunkFailsTheLoad() throws Exception {
        ModelVersion version = registry.register(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, Map.of(), Map.of(), Map.of());

        editChunk(0, data -> Arrays.copyOf(data, 5));

        assertThatThrownBy(() -> registry.loadArtifact(version.version()))
                .isInstanceOf(ArtifactCorruptedException.class)
                .hasMessageStartingWith("artifact of version " + version.version() + ": ");
    }

    @Test
    void aMissingArtifactIsReportedAsMissing() throws Exception {
        ModelVersion version = registry.register(new byte[] {9, 9, 9}, Map.of(), Map.of(), Map.of());

        db.getCollection("artifacts.files").deleteMany(new Document());

        assertThatThrownBy(() -> registry.loadArtifact(version.version()))
                .isInstanceOf(ArtifactMissingException.class)
                .hasMessageContaining(version.md5())
                .hasMessageContaining("missing from GridFS bucket 'artifacts'");
        assertThatThrownBy(() -> registry.loadArtifact("20990101-000000-00000000"))
                .isInstanceOf(UnknownVersionException.class);
    }

    @Test
    void aCorruptedModelIsReportedAsCorruptionNotAsAFormatSymptom() throws Exception {
        SvdModel model = new SvdModel(IdIndex.of(List.of("1", "2")), IdIndex.of(List.of("m1", "m2", "m3")), 2, 3.5f,
                new float[] {0.1f, -0.1f}, new float[] {0.2f, 0f, -0.2f},
                new float[] {0.1f, 0.2f, 0.3f, 0.4f}, new float[] {0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1.0f},
                RatingScale.ONE_TO_FIVE, Map.of("factors", "2"), Map.of());
        ModelVersion version = registry.register(model, Map.of(), Map.of());

        editChunk(0, data -> {
            data[data.length - 40] ^= 0x01; // inside the item factors
            return data;
        });

        // the model reader's own CRC check notices first; the registry still reports the corruption
        assertThatThrownBy(() -> registry.loadModel(version.version()))
                .isInstanceOf(ArtifactCorruptedException.class)
                .hasMessageContaining("md5 mismatch, expected " + version.md5())
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .isInstanceOf(ModelFormatException.class)
                        .extracting(Throwable::getMessage).asString().contains("checksum mismatch"));
    }
}
