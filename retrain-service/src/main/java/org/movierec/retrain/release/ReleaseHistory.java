package org.movierec.retrain.release;

import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Sorts.orderBy;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The release history: collection {@value #COLLECTION}, one document per switch of the production pointer
 * ({@code {_id, kind, version, previous, at, requestedBy, credential, reason, experimentId}}), indexed on
 * {@code at}. Written by {@link ReleaseService} right after the pointer switch, with the previous version the
 * switch itself returned (so two concurrent releases each record the version they really replaced).
 */
public final class ReleaseHistory {

    /** The collection. */
    public static final String COLLECTION = "releases";

    private final MongoCollection<Document> releases;

    /** The history in {@code database}; creates the index on {@code at} if missing. */
    public ReleaseHistory(MongoDatabase database) {
        this.releases = database.withWriteConcern(WriteConcern.MAJORITY).getCollection(COLLECTION);
        releases.createIndex(Indexes.descending("at"));
    }

    /** Appends {@code release}. */
    public void append(Release release) {
        releases.insertOne(new Document("_id", new ObjectId())
                .append("kind", release.kind())
                .append("version", release.version())
                .append("previous", release.previous())
                .append("at", Date.from(release.at()))
                .append("requestedBy", release.requestedBy())
                .append("credential", release.credential())
                .append("reason", release.reason())
                .append("experimentId", release.experimentId()));
    }

    /** The newest {@code limit} releases, newest first (ties in time by insertion order, newest first). */
    public List<Release> newest(int limit) {
        List<Release> result = new ArrayList<>();
        for (Document d : releases.find().sort(orderBy(descending("at"), descending("_id"))).limit(limit)) {
            result.add(new Release(d.getString("kind"), d.getString("version"), d.getString("previous"),
                    d.getDate("at").toInstant(), d.getString("requestedBy"), d.getString("credential"),
                    d.getString("reason"), d.getString("experimentId")));
        }
        return result;
    }
}
