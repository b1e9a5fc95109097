package org.movierec.retrain.service;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;

/**
 * One run at a time across replicas: a single lease document {@code {_id: "retrain", runId, owner,
 * acquiredAt, expiresAt}} in the collection {@value #COLLECTION}. Every change is one atomic single-document
 * write: acquiring inserts the document (a duplicate key means someone holds it) or takes over an expired one
 * with a conditional update on the old holder's run id and expiry; the holder renews {@code expiresAt} with
 * heartbeats and deletes the document when done. A replica that dies stops renewing, and the lease can be
 * taken over once it expires.
 */
public final class RunLease {

    /** The lease collection. */
    public static final String COLLECTION = "retrain_lease";
    private static final String ID = "retrain";

    private final MongoCollection<Document> leases;
    private final String owner;
    private final Duration ttl;
    private final Clock clock;

    /** The result of an attempt to acquire. */
    public sealed interface Attempt {
    }

    /**
     * Acquired.
     *
     * @param abandonedRunId the run whose expired lease was taken over (its holder died), or {@code null}
     */
    public record Acquired(String abandonedRunId) implements Attempt {
    }

    /** Someone holds the lease for {@code runId} until {@code expiresAt}. */
    public record Busy(String runId, Instant expiresAt) implements Attempt {
    }

    public RunLease(MongoDatabase database, String owner, Duration ttl, Clock clock) {
        this.leases = database.withWriteConcern(WriteConcern.MAJORITY).getCollection(COLLECTION);
        this.owner = Objects.requireNonNull(owner, "owner");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Tries to take the lease for {@code runId}. */
    public Attempt acquire(String runId) {
        Instant now = clock.instant();
        try {
            leases.insertOne(new Document("_id", ID).append("runId", runId).append("owner", owner)
                    .append("acquiredAt", Date.from(now)).append("expiresAt", Date.from(now.plus(ttl))));
            return new Acquired(null);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document held = leases.find(eq("_id", ID)).first();
        if (held == null) {
            return acquire(runId); // released in between
        }
        Instant expires = held.getDate("expiresAt").toInstant();
        if (expires.isAfter(now)) {
            return new Busy(held.getString("runId"), expires);
        }
        long taken = leases.updateOne(
                and(eq("_id", ID), eq("runId", held.getString("runId")), eq("expiresAt", held.getDate("expiresAt"))),
                combine(set("runId", runId), set("owner", owner), set("acquiredAt", Date.from(now)),
                        set("expiresAt", Date.from(now.plus(ttl))))).getModifiedCount();
        if (taken == 1) {
            return new Acquired(held.getString("runId"));
        }
        Document winner = leases.find(eq("_id", ID)).first();
        return winner == null ? acquire(runId)
                : new Busy(winner.getString("runId"), winner.getDate("expiresAt").toInstant());
    }

    /** Extends the lease of {@code runId}; false if it is no longer this run's (expired and taken over). */
    public boolean renew(String runId) {
        return leases.updateOne(and(eq("_id", ID), eq("runId", runId), eq("owner", owner)),
                set("expiresAt", Date.from(clock.instant().plus(ttl)))).getMatchedCount() == 1;
    }

    /** Gives the lease of {@code runId} up (does nothing if another run holds it). */
    public void release(String runId) {
        leases.deleteOne(and(eq("_id", ID), eq("runId", runId), eq("owner", owner)));
    }

    /** The run holding the lease now, if any and not expired. */
    public Optional<String> holder() {
        Document held = leases.find(eq("_id", ID)).first();
        if (held == null || !held.getDate("expiresAt").toInstant().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(held.getString("runId"));
    }
}
