package org.movierec.telemetry.quality;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Projections.include;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;
import org.jboss.logging.Logger;
import org.movierec.contracts.experiments.ExperimentArm;
import org.movierec.contracts.experiments.ExperimentsCollection;
import org.movierec.telemetry.TelemetryConfig;

/**
 * The arms (name and model version) of A/B experiments, by experiment id, from the MongoDB collection
 * {@value ExperimentsCollection#COLLECTION} (the contract {@link ExperimentsCollection}, each arm read by
 * {@link ExperimentArm#fromDocument}) in the registry's database ({@code telemetry.models.database}, where the
 * router keeps its experiments), for predicting every experiment rating with every arm's version.
 *
 * <p>Arms found are kept in a bounded Caffeine cache by experiment id and never re-read: an experiment's arms and
 * their versions do not change during its life (the router changes only weights, status and canary state), so a
 * cached entry cannot go stale. An experiment that is not found, is malformed, or cannot be read (MongoDB down) is
 * {@link Lookup.Skipped} with a reason; that answer is kept for {@code telemetry.experiments.retry-after}, so a
 * missing experiment costs one MongoDB query per period rather than one per batch, and a MongoDB outage does not
 * slow every batch by the driver's server-selection timeout. The caller counts skipped ratings; they are not
 * errors of the collector (logged once per period, never at ERROR).
 */
@ApplicationScoped
public class ExperimentArms {

    /** No experiment document has this id. */
    public static final String UNKNOWN_EXPERIMENT = "unknown_experiment";
    /** The document has no usable {@code arms} array: not an array, empty, an invalid arm, or an arm name twice. */
    public static final String MALFORMED_EXPERIMENT = "malformed_experiment";
    /** MongoDB could not be read. */
    public static final String EXPERIMENTS_UNAVAILABLE = "experiments_unavailable";
    /** Every reason of {@link Lookup.Skipped}. */
    public static final List<String> SKIP_REASONS = List.of(UNKNOWN_EXPERIMENT, MALFORMED_EXPERIMENT,
            EXPERIMENTS_UNAVAILABLE);

    private static final Logger LOG = Logger.getLogger(ExperimentArms.class);
    private static final int MAX_SKIPPED_KEPT = 1000;

    @Inject
    TelemetryConfig config;

    @Inject
    MongoClient mongo;

    private Cache<String, Lookup.Found> found;
    private Cache<String, Lookup.Skipped> skipped;

    /** What a lookup answered: the arms, or why there are none. */
    public sealed interface Lookup {

        /** @param arms the experiment's arms in stored order, at least one, names distinct */
        record Found(List<ExperimentArm> arms) implements Lookup {
            public Found {
                arms = List.copyOf(arms);
            }
        }

        /**
         * @param reason one of {@link #SKIP_REASONS}
         * @param detail what was wrong, for the log
         */
        record Skipped(String reason, String detail) implements Lookup {
            public Skipped {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    @PostConstruct
    void init() {
        found = Caffeine.newBuilder().maximumSize(config.experiments().cacheSize()).build();
        skipped = Caffeine.newBuilder().maximumSize(MAX_SKIPPED_KEPT)
                .expireAfterWrite(config.experiments().retryAfter()).build();
    }

    /**
     * The arms of experiment {@code id}, from the cache or MongoDB.
     *
     * @param id the experiment id as served events carry it (the document's {@code _id}, a string)
     * @return the arms, or the reason there are none; never null
     */
    public Lookup lookup(String id) {
        Lookup.Found arms = found.getIfPresent(id);
        if (arms != null) {
            return arms;
        }
        Lookup.Skipped known = skipped.getIfPresent(id);
        if (known != null) {
            return known;
        }
        Lookup answer = read(id);
        if (answer instanceof Lookup.Found f) {
            found.put(id, f);
        } else if (answer instanceof Lookup.Skipped s) {
            skipped.put(id, s);
            if (EXPERIMENTS_UNAVAILABLE.equals(s.reason())) {
                LOG.warnf("experiment %s: %s; its ratings get no experiment_predictions for %s", id, s.detail(),
                        config.experiments().retryAfter());
            } else {
                LOG.infof("experiment %s: %s (%s); its ratings get no experiment_predictions", id, s.detail(),
                        s.reason());
            }
        }
        return answer;
    }

    /** Forgets every experiment (tests). */
    public void clear() {
        found.invalidateAll();
        skipped.invalidateAll();
    }

    private Lookup read(String id) {
        Document document;
        try {
            document = experiments().find(eq(ExperimentsCollection.ID, id))
                    .projection(include(ExperimentsCollection.ARMS)).first();
        } catch (RuntimeException e) {
            return new Lookup.Skipped(EXPERIMENTS_UNAVAILABLE, "MongoDB not readable: " + e);
        }
        if (document == null) {
            return new Lookup.Skipped(UNKNOWN_EXPERIMENT, "no document in " + ExperimentsCollection.COLLECTION);
        }
        return arms(document);
    }

    /** The arms of a document, or why they are malformed. */
    static Lookup arms(Document document) {
        if (!(document.get(ExperimentsCollection.ARMS) instanceof List<?> elements) || elements.isEmpty()) {
            return new Lookup.Skipped(MALFORMED_EXPERIMENT,
                    "'" + ExperimentsCollection.ARMS + "' is not a non-empty array");
        }
        List<ExperimentArm> arms = new ArrayList<>(elements.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < elements.size(); i++) {
            ExperimentArm arm;
            try {
                arm = ExperimentArm.fromDocument(elements.get(i));
            } catch (IllegalArgumentException e) {
                return new Lookup.Skipped(MALFORMED_EXPERIMENT, "arms[" + i + "]: " + e.getMessage());
            }
            if (!names.add(arm.name())) {
                return new Lookup.Skipped(MALFORMED_EXPERIMENT, "arm " + arm.name() + " appears twice");
            }
            arms.add(arm);
        }
        return new Lookup.Found(arms);
    }

    private MongoCollection<Document> experiments() {
        return mongo.getDatabase(config.models().database()).getCollection(ExperimentsCollection.COLLECTION);
    }
}
