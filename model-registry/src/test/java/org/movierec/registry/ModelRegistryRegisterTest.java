package org.movierec.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.core.data.RatingScale;
import org.movierec.core.ids.IdIndex;
import org.movierec.core.model.ModelFile;
import org.movierec.core.model.SvdModel;

class ModelRegistryRegisterTest {

    @RegisterExtension
    static final InProcessMongo MONGO = new InProcessMongo();

    private MongoDatabase db;
    private SteppingClock clock;
    private ModelRegistry registry;

    @BeforeEach
    void newRegistry() {
        db = MONGO.freshDatabase();
        clock = new SteppingClock(Instant.parse("2026-11-25T12:13:14.567891Z"));
        registry = new ModelRegistry(db, clock);
    }

    @Test
    void registerGetAndListRoundTrip() {
        byte[] first = "first model".getBytes(StandardCharsets.UTF_8);
        byte[] second = "second model".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> lineage = new LinkedHashMap<>();
        lineage.put("dataMd5", "0123456789abcdef0123456789abcdef");
        lineage.put("rows", 1_000_000L);
        lineage.put("fairness", Map.of("passed", true, "gini", 0.41));
        lineage.put("parentVersion", null);

        ModelVersion v1 = registry.register(first, Map.of("factors", "64", "epochs", "30"), Map.of("rmse", 0.871), lineage);
        clock.advance(Duration.ofSeconds(90));
        ModelVersion v2 = registry.register(second, Map.of("factors", "100"), Map.of(), Map.of());

        ArtifactDigest digest = ArtifactDigest.of(first);
        assertThat(v1.version()).isEqualTo("20261125-121314-" + digest.md5().substring(0, 8));
        assertThat(v1.md5()).isEqualTo(digest.md5());
        assertThat(v1.size()).isEqualTo(first.length);
        assertThat(v1.status()).isEqualTo(ModelStatus.CANDIDATE);
        assertThat(v1.createdAt()).isEqualTo(Instant.parse("2026-11-25T12:13:14.567Z"));
        assertThat(v1.promotedAt()).isNull();
        assertThat(v1.note()).isNull();

        ModelVersion read = registry.get(v1.version()).orElseThrow();
        assertThat(read).isEqualTo(v1);
        assertThat(registry.list(ModelStatus.CANDIDATE)).contains(v1);
        assertThat(read.lineage()).extractingByKey("fairness").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsOnly(Map.entry("passed", true), Map.entry("gini", 0.41));
        assertThat(read.lineage()).containsEntry("rows", 1_000_000L).containsKey("parentVersion");

        assertThat(registry.list()).extracting(ModelVersion::version).containsExactly(v2.version(), v1.version());
        assertThat(registry.list(ModelStatus.CANDIDATE)).containsExactly(v2, v1);
        assertThat(registry.list(ModelStatus.PRODUCTION)).isEmpty();
        assertThat(registry.get("20990101-000000-00000000")).isEmpty();
        assertThat(registry.productionVersion()).isEmpty();
        assertThat(registry.production()).isEmpty();

        Document stored = db.getCollection(ModelDocuments.COLLECTION).find().first();
        assertThat(stored.getString("status")).isEqualTo("candidate");
        assertThat(stored.get("size")).isInstanceOf(Long.class);
    }

    @Test
    void sameBytesTwiceAreStoredOnce() throws IOException {
        byte[] artifact = new byte[600_000]; // more than two GridFS chunks
        new Random(7).nextBytes(artifact);

        ModelVersion a = registry.register(artifact, Map.of(), Map.of(), Map.of("run", "a"));
        ModelVersion b = registry.register(artifact, Map.of(), Map.of(), Map.of("run", "b"));

        assertThat(b.version()).isEqualTo(a.version() + "-2");
        assertThat(b.md5()).isEqualTo(a.md5());
        assertThat(db.getCollection("artifacts.files").countDocuments()).isEqualTo(1);
        assertThat(db.getCollection("artifacts.files").find().first().getString("filename")).isEqualTo(a.md5());
        assertThat(registry.loadArtifact(a.version())).isEqualTo(artifact);
        assertThat(registry.loadArtifact(b.version())).isEqualTo(artifact);
    }

    @Test
    void aCrashBetweenUploadAndInsertLeavesNoVisibleVersion() throws IOException {
        byte[] artifact = "orphaned by a crash".getBytes(StandardCharsets.UTF_8);
        ArtifactDigest digest = ArtifactDigest.of(artifact);

        // what register does before the crash: the upload, not the insert
        new ArtifactStore(db).store(digest, out -> out.write(artifact));

        assertThat(registry.list()).isEmpty();
        assertThat(registry.get(VersionIds.of(clock.instant(), digest.md5()))).isEmpty();
        assertThat(registry.productionVersion()).isEmpty();
        assertThat(ServingSet.versionsToServe(db)).isEmpty();

        ModelVersion retried = registry.register(artifact, Map.of(), Map.of(), Map.of());
        assertThat(db.getCollection("artifacts.files").countDocuments()).isEqualTo(1);
        assertThat(registry.loadArtifact(retried.version())).isEqualTo(artifact);
    }

    @Test
    void anUploadWhoseBytesDifferFromTheDigestIsAbortedWithoutTrace() {
        ArtifactDigest claimed = ArtifactDigest.of("the bytes that were hashed".getBytes(StandardCharsets.UTF_8));
        ArtifactStore store = new ArtifactStore(db);

        assertThatThrownBy(() -> store.store(claimed, out -> out.write("other bytes".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("artifact changed while it was uploaded");

        assertThat(store.contains(claimed)).isFalse();
        assertThat(db.getCollection("artifacts.files").countDocuments()).isZero();
        assertThat(db.getCollection("artifacts.chunks").countDocuments()).isZero();
    }

    @Test
    void registerStreamsAFile(@TempDir Path dir) throws IOException {
        byte[] artifact = new byte[300_000];
        new Random(11).nextBytes(artifact);
        Path file = dir.resolve("model.bin");
        Files.write(file, artifact);

        ModelVersion version = registry.register(file, Map.of(), Map.of(), Map.of());

        assertThat(version.md5()).isEqualTo(ArtifactDigest.of(artifact).md5());
        assertThat(registry.loadArtifact(version.version())).isEqualTo(artifact);
    }

    @Test
    void aModelRoundTripsBitExactly() throws IOException {
        SvdModel model = randomModel(3, 40, 25, 8);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ModelFile.write(model, expected);

        ModelVersion version = registry.register(model, Map.of("rmse", 0.9), Map.of("codeVersion", "abc1234"));
        SvdModel loaded = registry.loadModel(version.version());

        assertThat(version.hyperparameters()).containsExactlyEntriesOf(model.hyperparameters());
        assertThat(version.md5()).isEqualTo(ArtifactDigest.of(expected.toByteArray()).md5());
        assertThat(registry.loadArtifact(version.version())).isEqualTo(expected.toByteArray());
        assertThat(loaded.users().ids()).containsExactlyElementsOf(model.users().ids());
        assertThat(loaded.items().ids()).containsExactlyElementsOf(model.items().ids());
        assertThat(Float.floatToRawIntBits(loaded.globalMean())).isEqualTo(Float.floatToRawIntBits(model.globalMean()));
        assertThat(bits(loaded.userBias())).isEqualTo(bits(model.userBias()));
        assertThat(bits(loaded.itemBias())).isEqualTo(bits(model.itemBias()));
        assertThat(bits(loaded.userFactors())).isEqualTo(bits(model.userFactors()));
        assertThat(bits(loaded.itemFactors())).isEqualTo(bits(model.itemFactors()));
        assertThat(loaded.hyperparameters()).containsExactlyEntriesOf(model.hyperparameters());
        assertThat(loaded.metadata()).containsExactlyEntriesOf(model.metadata());
    }

    @Test
    void metricsAndLineageAreMerged() {
        ModelVersion v = registry.register(new byte[] {1, 2, 3}, Map.of(), Map.of("rmse", 0.9, "mae", 0.7),
                Map.of("dataMd5", "d41d8cd98f00b204e9800998ecf8427e"));

        registry.updateMetrics(v.version(), Map.of("rmse", 0.85, "ndcg@20", 0.31));
        registry.updateLineage(v.version(), Map.of("fairness", Map.of("passed", false), "runId", "run-42"));

        ModelVersion read = registry.get(v.version()).orElseThrow();
        assertThat(read.metrics()).containsOnly(Map.entry("rmse", 0.85), Map.entry("mae", 0.7), Map.entry("ndcg@20", 0.31));
        assertThat(read.lineage()).containsEntry("dataMd5", "d41d8cd98f00b204e9800998ecf8427e")
                .containsEntry("runId", "run-42")
                .containsKey("fairness");
        assertThatThrownBy(() -> registry.updateMetrics("20990101-000000-00000000", Map.of("rmse", 1.0)))
                .isInstanceOf(UnknownVersionException.class);
        assertThatThrownBy(() -> registry.updateMetrics(v.version(), Map.of("rmse.at.10", 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid key 'rmse.at.10'");
    }

    @Test
    void invalidMapsAreRefusedBeforeAnythingIsStored() {
        assertThatThrownBy(() -> registry.register(new byte[] {1}, Map.of("$where", "x"), Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hyperparameters");

        assertThat(db.getCollection("artifacts.files").countDocuments()).isZero();
        assertThat(registry.list()).isEmpty();
    }

    private static SvdModel randomModel(long seed, int users, int items, int factors) {
        Random rnd = new Random(seed);
        List<String> userIds = new java.util.ArrayList<>();
        for (int u = 0; u < users; u++) {
            userIds.add(Integer.toString(u + 1));
        }
        List<String> itemIds = new java.util.ArrayList<>();
        for (int i = 0; i < items; i++) {
            itemIds.add("movie+" + i + "+" + (1970 + i));
        }
        Map<String, String> hyperparameters = new LinkedHashMap<>();
        hyperparameters.put("factors", Integer.toString(factors));
        hyperparameters.put("learningRate", "0.007");
        return new SvdModel(IdIndex.of(userIds), IdIndex.of(itemIds), factors, 3.53f,
                gaussian(rnd, users), gaussian(rnd, items), gaussian(rnd, users * factors), gaussian(rnd, items * factors),
                RatingScale.ONE_TO_FIVE, hyperparameters, Map.of("trainedAt", "2026-11-25T03:00:00Z"));
    }

    private static float[] gaussian(Random rnd, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (rnd.nextGaussian() * 0.1);
        }
        return values;
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
