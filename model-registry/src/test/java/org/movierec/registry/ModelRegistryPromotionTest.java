package org.movierec.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ModelRegistryPromotionTest {

    @RegisterExtension
    static final InProcessMongo MONGO = new InProcessMongo();

    private MongoDatabase db;
    private SteppingClock clock;
    private ModelRegistry registry;

    @BeforeEach
    void newRegistry() {
        db = MONGO.freshDatabase();
        clock = new SteppingClock(Instant.parse("2026-11-25T03:00:00Z"));
        registry = new ModelRegistry(db, clock);
    }

    private String register(String content) {
        clock.advance(Duration.ofMinutes(1));
        return registry.register(content.getBytes(StandardCharsets.UTF_8), Map.of(), Map.of(), Map.of()).version();
    }

    private String storedStatus(String version) {
        MongoCollection<Document> models = db.getCollection(ModelDocuments.COLLECTION);
        return models.find(Filters.eq("_id", version)).first().getString("status");
    }

    @Test
    void promoteSwitchesProductionAndArchivesThePrevious() {
        String a = register("a");
        String b = register("b");

        clock.advance(Duration.ofHours(1));
        Instant promotedA = clock.instant();
        assertThat(registry.promote(a)).isEmpty();
        assertThat(registry.productionVersion()).contains(a);
        assertThat(registry.production().orElseThrow().promotedAt()).isEqualTo(promotedA);

        clock.advance(Duration.ofHours(1));
        assertThat(registry.promote(b)).contains(a);

        assertThat(registry.productionVersion()).contains(b);
        assertThat(registry.get(b).orElseThrow().status()).isEqualTo(ModelStatus.PRODUCTION);
        assertThat(registry.get(b).orElseThrow().promotedAt()).isEqualTo(clock.instant());
        assertThat(registry.get(a).orElseThrow().status()).isEqualTo(ModelStatus.ARCHIVED);
        assertThat(registry.get(a).orElseThrow().promotedAt()).isEqualTo(promotedA);
        assertThat(storedStatus(b)).isEqualTo("production");
        assertThat(storedStatus(a)).isEqualTo("archived");
        assertThat(registry.list(ModelStatus.PRODUCTION)).extracting(ModelVersion::version).containsExactly(b);
        assertThat(registry.list(ModelStatus.ARCHIVED)).extracting(ModelVersion::version).containsExactly(a);
        assertThat(db.getCollection(ProductionPointers.COLLECTION).find().first())
                .containsEntry("_id", "production").containsEntry("version", b);

        // rollback: an archived version can be promoted again
        assertThat(registry.promote(a)).contains(b);
        assertThat(registry.productionVersion()).contains(a);
        assertThat(registry.get(b).orElseThrow().status()).isEqualTo(ModelStatus.ARCHIVED);
        // promoting the production version again changes nothing
        assertThat(registry.promote(a)).isEmpty();
        assertThat(registry.productionVersion()).contains(a);
    }

    @Test
    void promotingAnUnknownOrRejectedVersionFailsAndProductionStays() {
        String good = register("good");
        String bad = register("bad");
        registry.promote(good);
        registry.reject(bad, "fairness gate: gender RMSE disparity 0.12 > 0.05");

        assertThatThrownBy(() -> registry.promote(bad))
                .isInstanceOf(StatusTransitionException.class)
                .hasMessageContaining("cannot promote version " + bad + ": it is rejected")
                .hasMessageContaining("fairness gate");
        assertThatThrownBy(() -> registry.promote("20990101-000000-00000000"))
                .isInstanceOf(UnknownVersionException.class)
                .hasMessageContaining("unknown model version '20990101-000000-00000000'");

        assertThat(registry.productionVersion()).contains(good);
        assertThat(registry.get(good).orElseThrow().status()).isEqualTo(ModelStatus.PRODUCTION);
        ModelVersion rejected = registry.get(bad).orElseThrow();
        assertThat(rejected.status()).isEqualTo(ModelStatus.REJECTED);
        assertThat(rejected.note()).isEqualTo("fairness gate: gender RMSE disparity 0.12 > 0.05");
        assertThat(registry.list(ModelStatus.REJECTED)).extracting(ModelVersion::version).containsExactly(bad);
    }

    @Test
    void theProductionVersionCannotBeRejectedOrArchived() {
        String prod = register("prod");
        String other = register("other");
        registry.promote(prod);

        assertThatThrownBy(() -> registry.reject(prod, "broken"))
                .isInstanceOf(StatusTransitionException.class)
                .hasMessageContaining("it is production");
        assertThatThrownBy(() -> registry.archive(prod))
                .isInstanceOf(StatusTransitionException.class);

        registry.archive(other);
        assertThat(registry.get(other).orElseThrow().status()).isEqualTo(ModelStatus.ARCHIVED);
        registry.reject(other, "found to leak test data");
        assertThatThrownBy(() -> registry.archive(other))
                .isInstanceOf(StatusTransitionException.class)
                .hasMessageContaining("it is rejected");
        assertThat(registry.productionVersion()).contains(prod);
    }

    @Test
    void thePointerCorrectsStatusesLeftStaleByACrashAfterThePointerWrite() {
        String a = register("a");
        String b = register("b");
        String c = register("c");
        registry.promote(a);

        // the promotion of b wrote the pointer, then the process died before updating the statuses
        clock.advance(Duration.ofMinutes(5));
        new ProductionPointers(db).switchTo(b, clock.instant());

        assertThat(storedStatus(a)).isEqualTo("production");
        assertThat(storedStatus(b)).isEqualTo("candidate");
        assertThat(registry.productionVersion()).contains(b);
        assertThat(registry.get(b).orElseThrow().status()).isEqualTo(ModelStatus.PRODUCTION);
        assertThat(registry.get(b).orElseThrow().promotedAt()).isEqualTo(clock.instant());
        assertThat(registry.get(a).orElseThrow().status()).isEqualTo(ModelStatus.ARCHIVED);
        assertThat(registry.list()).extracting(ModelVersion::status)
                .containsExactly(ModelStatus.CANDIDATE, ModelStatus.PRODUCTION, ModelStatus.ARCHIVED);
        assertThat(registry.list(ModelStatus.CANDIDATE)).extracting(ModelVersion::version).containsExactly(c);
        assertThat(registry.list(ModelStatus.ARCHIVED)).extracting(ModelVersion::version).containsExactly(a);
        assertThat(registry.list(ModelStatus.PRODUCTION)).extracting(ModelVersion::version).containsExactly(b);

        // the next promotion rewrites the stale documents
        assertThat(registry.promote(c)).contains(b);
        assertThat(storedStatus(a)).isEqualTo("archived");
        assertThat(storedStatus(b)).isEqualTo("archived");
        assertThat(storedStatus(c)).isEqualTo("production");
    }
}
