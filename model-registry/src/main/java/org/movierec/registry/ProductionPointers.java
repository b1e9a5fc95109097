package org.movierec.registry;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * The production pointer: the single document {@code {_id: "production", version, since}} in collection
 * {@value #COLLECTION}. It is the source of truth for which version is in production; switching it is one
 * atomic single-document write, which needs no multi-document transaction.
 */
public final class ProductionPointers {

    /** The collection holding the pointer. */
    public static final String COLLECTION = "registry";
    /** The pointer document's {@code _id}. */
    public static final String ID = "production";
    public static final String VERSION = "version";
    public static final String SINCE = "since";

    private final MongoCollection<Document> collection;

    /** A view of the pointer in {@code database}. */
    public ProductionPointers(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    /** The pointer, or empty if no version was ever promoted. */
    public Optional<ProductionPointer> read() {
        return toPointer(collection.find(eq("_id", ID)).first());
    }

    /**
     * Points production at {@code version} since {@code since}, creating the pointer if needed, in one
     * atomic {@code findOneAndUpdate} with upsert.
     *
     * @return the pointer as it was just before, or empty if there was none
     */
    Optional<ProductionPointer> switchTo(String version, Instant since) {
        Document before = collection.findOneAndUpdate(eq("_id", ID),
                combine(set(VERSION, version), set(SINCE, Date.from(since))),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        return toPointer(before);
    }

    private static Optional<ProductionPointer> toPointer(Document doc) {
        if (doc == null) {
            return Optional.empty();
        }
        return Optional.of(new ProductionPointer(doc.getString(VERSION), doc.getDate(SINCE).toInstant()));
    }
}
