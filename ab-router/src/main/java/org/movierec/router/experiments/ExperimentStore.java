package org.movierec.router.experiments;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Sorts.descending;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.movierec.contracts.experiments.ExperimentsCollection;
import org.movierec.router.RouterConfig;

/**
 * The experiments in MongoDB ({@value ExperimentsCollection#COLLECTION}) and their audit trail
 * ({@value #AUDIT}). At most one experiment runs: a unique sparse index on the {@code running} marker
 * makes a second insert or restart fail atomically, whichever replica tries. Every update is
 * conditional on the revision read before (optimistic concurrency), so two replicas or two admins can
 * never both apply a change computed from the same state.
 */
@ApplicationScoped
public class ExperimentStore {

    /** The audit collection: one document per change (who, when, action, before, after). */
    public static final String AUDIT = "experiments_audit";

    @Inject
    MongoClient mongo;

    @Inject
    RouterConfig config;

    void createIndexes(@Observes StartupEvent event) {
        try {
            experiments().createIndex(Indexes.ascending(ExperimentDocuments.RUNNING),
                    new IndexOptions().unique(true).sparse(true).name("one_running_experiment"));
        } catch (RuntimeException e) {
            // MongoDB unreachable at start-up: the poller reports it; the index is created on the next start
            org.jboss.logging.Logger.getLogger(ExperimentStore.class)
                    .warnf("could not create the experiments index: %s", e.getMessage());
        }
    }

    /** The database of the registry and the experiments. */
    public MongoDatabase database() {
        return mongo.getDatabase(config.database());
    }

    /** The running experiment, if any. */
    public Optional<Experiment> running() {
        Document d = experiments().find(eq(ExperimentDocuments.RUNNING, true)).first();
        return Optional.ofNullable(d).map(ExperimentDocuments::fromDocument);
    }

    /** The experiment {@code id}, if it exists. */
    public Optional<Experiment> find(String id) {
        Document d = experiments().find(eq(ExperimentsCollection.ID, id)).first();
        return Optional.ofNullable(d).map(ExperimentDocuments::fromDocument);
    }

    /** Every experiment, newest first. */
    public List<Experiment> list() {
        List<Experiment> all = new ArrayList<>();
        for (Document d : experiments().find().sort(descending("createdAt"))) {
            all.add(ExperimentDocuments.fromDocument(d));
        }
        return all;
    }

    /**
     * Inserts a new running experiment and audits it.
     *
     * @throws ExperimentConflictException if another experiment is running
     */
    public void insert(Experiment e, String who) {
        Object auditId = audit(e.id(), "create", who, null, e);
        try {
            experiments().insertOne(ExperimentDocuments.toDocument(e));
        } catch (RuntimeException ex) {
            withdraw(auditId);
            if (ex instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new ExperimentConflictException("another experiment is running: stop it first ("
                        + running().map(Experiment::id).orElse("?") + ")");
            }
            throw ex;
        }
    }

    /**
     * Replaces {@code before} with {@code after} if nobody changed it since {@code before} was read, and
     * audits the change.
     *
     * @return false if the stored revision is no longer {@code before.revision()} (nothing written)
     */
    public boolean replace(Experiment before, Experiment after, String action, String who) {
        Object auditId = audit(before.id(), action, who, before, after);
        boolean replaced;
        try {
            replaced = experiments().replaceOne(
                    and(eq(ExperimentsCollection.ID, before.id()), eq(ExperimentDocuments.REVISION, before.revision())),
                    ExperimentDocuments.toDocument(after)).getModifiedCount() == 1;
        } catch (RuntimeException ex) {
            withdraw(auditId);
            throw ex;
        }
        if (!replaced) {
            withdraw(auditId);
        }
        return replaced;
    }

    /** The audit trail of experiment {@code id}, oldest first. */
    public List<Document> auditTrail(String id) {
        return database().getCollection(AUDIT).find(eq("experimentId", id))
                .sort(com.mongodb.client.model.Sorts.ascending("at")).into(new ArrayList<>());
    }

    /**
     * Writes the audit record of a change before the change itself, and answers its id: if the record cannot be
     * written (e.g. over MongoDB's 16 MB limit) nothing changes. mongo-java-server, which runs the platform locally,
     * has no multi-document transactions, so the pair is made all-or-nothing by hand: a change that then fails (or
     * loses to a concurrent one) {@link #withdraw}s its record.
     */
    private Object audit(String id, String action, String who, Experiment before, Experiment after) {
        Document record = new Document("_id", new ObjectId()).append("experimentId", id)
                .append("action", action)
                .append("who", who)
                .append("at", Date.from(Instant.now()))
                .append("before", before == null ? null : ExperimentDocuments.toDocument(before))
                .append("after", after == null ? null : ExperimentDocuments.toDocument(after));
        database().getCollection(AUDIT).insertOne(record);
        return record.get("_id");
    }

    /** Deletes the audit record of a change that was not written. */
    private void withdraw(Object auditId) {
        database().getCollection(AUDIT).deleteOne(eq("_id", auditId));
    }

    private MongoCollection<Document> experiments() {
        return database().getCollection(ExperimentsCollection.COLLECTION);
    }
}
