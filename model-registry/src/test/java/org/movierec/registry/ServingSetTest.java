package org.movierec.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.movierec.contracts.experiments.ExperimentArm;
import org.movierec.contracts.experiments.ExperimentStatus;
import org.movierec.contracts.experiments.ExperimentsCollection;

class ServingSetTest {

    @RegisterExtension
    static final InProcessMongo MONGO = new InProcessMongo();

    private MongoDatabase db;
    private MongoCollection<Document> experiments;

    @BeforeEach
    void newDatabase() {
        db = MONGO.freshDatabase();
        experiments = db.getCollection(ExperimentsCollection.COLLECTION);
    }

    private static Document experiment(String id, ExperimentStatus status, ExperimentArm... arms) {
        return new Document("_id", id).append("name", "experiment " + id).append("status", status.wireName())
                .append("arms", java.util.Arrays.stream(arms).map(ExperimentArm::toDocument).toList());
    }

    @Test
    void nothingToServeInAnEmptyDatabase() {
        ServingSet set = ServingSet.read(db);

        assertThat(set.versions()).isEmpty();
        assertThat(set.productionVersion()).isEmpty();
        assertThat(set.problems()).isEmpty();
    }

    @Test
    void productionPlusTheArmsOfRunningExperimentsOnly() {
        ModelRegistry registry = new ModelRegistry(db, new SteppingClock(Instant.parse("2026-11-25T00:00:00Z")));
        String production = registry.register(new byte[] {1}, Map.of(), Map.of(), Map.of()).version();
        registry.promote(production);
        experiments.insertOne(experiment("canary-1", ExperimentStatus.RUNNING,
                new ExperimentArm("control", production, 0.9), new ExperimentArm("canary", "v-canary", 0.1)));
        experiments.insertOne(experiment("ab-2", ExperimentStatus.RUNNING,
                new ExperimentArm("a", "v-a", 1), new ExperimentArm("b", "v-b", 1)));
        experiments.insertOne(experiment("old-3", ExperimentStatus.STOPPED, new ExperimentArm("x", "v-stopped", 1)));
        experiments.insertOne(experiment("old-4", ExperimentStatus.COMPLETED, new ExperimentArm("y", "v-completed", 1)));
        experiments.insertOne(experiment("old-5", ExperimentStatus.ABORTED, new ExperimentArm("z", "v-aborted", 1)));

        assertThat(ServingSet.versionsToServe(db)).containsExactly(production, "v-a", "v-b", "v-canary");
        assertThat(ServingSet.read(db).productionVersion()).contains(production);
    }

    @Test
    void malformedArmsAreSkippedAndReported() {
        experiments.insertOne(new Document("_id", "broken").append("status", "running").append("arms", List.of(
                new Document("name", "ok").append("modelVersion", "v-ok").append("weight", 1),
                new Document("name", "no-version").append("weight", 1))));
        experiments.insertOne(new Document("_id", "no-arms").append("status", "running").append("arms", "v-x"));

        ServingSet set = ServingSet.read(db);

        assertThat(set.versions()).containsExactly("v-ok");
        assertThat(set.problems()).containsExactly(
                "experiment broken, arms[1]: arm no-version has no string 'modelVersion'",
                "experiment no-arms: 'arms' is not an array");
    }
}
