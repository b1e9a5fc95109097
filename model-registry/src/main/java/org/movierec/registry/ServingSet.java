package org.movierec.registry;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Sorts.ascending;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.movierec.contracts.experiments.ExperimentArm;
import org.movierec.contracts.experiments.ExperimentStatus;
import org.movierec.contracts.experiments.ExperimentsCollection;

/**
 * The model versions an inference replica must keep loaded: the production version (from the
 * {@linkplain ProductionPointers production pointer}) plus the {@code modelVersion} of every arm of every
 * experiment whose {@code status} is {@code running} (shape in {@link ExperimentsCollection}).
 *
 * <p>A malformed arm of a running experiment is skipped and described in {@link #problems()}, so one bad
 * experiment document cannot stop a replica from following production; the caller logs and counts the
 * problems. Versions are not checked against the registry here: the loader reports one it cannot load.
 */
public final class ServingSet {

    private final String productionVersion;
    private final Set<String> versions;
    private final List<String> problems;

    private ServingSet(String productionVersion, Set<String> versions, List<String> problems) {
        this.productionVersion = productionVersion;
        this.versions = Collections.unmodifiableSet(versions);
        this.problems = List.copyOf(problems);
    }

    /** Reads the serving set from {@code database}: the pointer, then the running experiments. */
    public static ServingSet read(MongoDatabase database) {
        Optional<String> production = new ProductionPointers(database).read().map(ProductionPointer::version);
        Set<String> versions = new LinkedHashSet<>();
        production.ifPresent(versions::add);
        List<String> problems = new ArrayList<>();
        for (Document experiment : findRunning(database)) {
            Object arms = experiment.get(ExperimentsCollection.ARMS);
            if (!(arms instanceof List<?> list)) {
                problems.add("experiment " + experiment.get(ExperimentsCollection.ID) + ": '" + ExperimentsCollection.ARMS
                        + "' is not an array");
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                try {
                    versions.add(ExperimentArm.fromDocument(list.get(i)).modelVersion());
                } catch (IllegalArgumentException e) {
                    problems.add("experiment " + experiment.get(ExperimentsCollection.ID) + ", arms[" + i + "]: " + e.getMessage());
                }
            }
        }
        return new ServingSet(production.orElse(null), versions, problems);
    }

    /** The running experiments, {@code _id} and {@code arms} only, in {@code _id} order. */
    private static FindIterable<Document> findRunning(MongoDatabase database) {
        return database.getCollection(ExperimentsCollection.COLLECTION)
                .find(eq(ExperimentsCollection.STATUS, ExperimentStatus.RUNNING.wireName()))
                .projection(include(ExperimentsCollection.ID, ExperimentsCollection.ARMS))
                .sort(ascending(ExperimentsCollection.ID));
    }

    /** The versions to serve, read from {@code database}: {@code read(database).versions()}. */
    public static Set<String> versionsToServe(MongoDatabase database) {
        return read(database).versions();
    }

    /** The production version, if any version was ever promoted. */
    public Optional<String> productionVersion() {
        return Optional.ofNullable(productionVersion);
    }

    /** Every version to serve, unmodifiable: production first, then experiment arms in experiment order. */
    public Set<String> versions() {
        return versions;
    }

    /** What was skipped and why, one line each; empty when every running experiment was well-formed. */
    public List<String> problems() {
        return problems;
    }
}
