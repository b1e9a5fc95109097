package org.movierec.registry;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import org.bson.Document;

/**
 * The heartbeats of the inference replicas that read the registry, in collection {@value #COLLECTION}: one document
 * per replica, {@code {_id: <replica id>, versions: [<loaded versions>], updatedAt: <date>}}, replaced after every
 * check of the {@link ServingSet}. The A/B router reads them to let an experiment go live only once every replica
 * serves its arms' versions, so no user of an arm is answered by another version (or counted) while one replica
 * still loads it. Written and read here only, so both sides agree on the shape.
 *
 * <p>A replica that stops leaves its last document behind; readers take only heartbeats newer than a freshness
 * window ({@link #freshSince}), so it stops counting once its heartbeat is older than that, and the next heartbeat
 * of any replica removes the documents older than {@link #KEPT_FOR} (each Kubernetes rollout names its pods anew:
 * without it the collection would grow by one document per pod ever started). A replica on a model file
 * (standalone mode) writes none.
 */
public final class ServingReplicas {

    /** The collection of the heartbeats. */
    public static final String COLLECTION = "serving_replicas";
    /** The replica's id. */
    public static final String ID = "_id";
    /** The versions it has loaded, an array of strings. */
    public static final String VERSIONS = "versions";
    /** When it last wrote, a date. */
    public static final String UPDATED_AT = "updatedAt";

    /** How long a replica's last heartbeat stays after it stopped: long past any freshness window, short of clutter. */
    public static final Duration KEPT_FOR = Duration.ofDays(1);

    private final MongoCollection<Document> collection;

    /** A view of the heartbeats in {@code database}. */
    public ServingReplicas(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    /**
     * An id for this process, stable while it runs and distinct between replicas: the host name (a pod's name in
     * Kubernetes) and the process id, e.g. {@code inference-7f9c-2xk4l/1}.
     */
    public static String thisProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid();
    }

    /**
     * Writes replica {@code replicaId}'s heartbeat: it serves {@code versions}, as of {@code at} (one upsert), and
     * removes the heartbeats last written more than {@link #KEPT_FOR} before {@code at}.
     */
    public void beat(String replicaId, Collection<String> versions, Instant at) {
        Document heartbeat = new Document(ID, replicaId).append(VERSIONS, new ArrayList<>(versions))
                .append(UPDATED_AT, Date.from(at));
        collection.replaceOne(eq(ID, replicaId), heartbeat, new ReplaceOptions().upsert(true));
        collection.deleteMany(lt(UPDATED_AT, Date.from(at.minus(KEPT_FOR))));
    }

    /** The heartbeats written at or after {@code since} (the fresh ones), one per replica. */
    public List<ServingReplica> freshSince(Instant since) {
        List<ServingReplica> fresh = new ArrayList<>();
        for (Document d : collection.find(gte(UPDATED_AT, Date.from(since)))) {
            fresh.add(new ServingReplica(String.valueOf(d.get(ID)),
                    new LinkedHashSet<>(d.getList(VERSIONS, String.class, List.of())), d.getDate(UPDATED_AT).toInstant()));
        }
        return fresh;
    }
}
