package org.movierec.registry;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/**
 * The shape of a document of the {@value #COLLECTION} collection, one per model version:
 *
 * <pre>{@code
 * { _id: "20261125-121314-ab12cd34",        // the version id
 *   md5: "ab12cd34...",                     // lower-case hex md5 of the artifact = its GridFS filename
 *   size: NumberLong(123456),               // artifact length in bytes
 *   status: "candidate",                    // candidate | production | archived | rejected
 *   createdAt: ISODate(...),
 *   hyperparameters: { factors: "64", ... },// strings
 *   metrics: { rmse: 0.87, ... },           // doubles
 *   lineage: { dataMd5: "...", codeVersion: "...", parentVersion: "...", ... },  // free
 *   promotedAt: ISODate(...),               // absent until first promoted
 *   note: "failed the fairness gate" }      // absent unless set (reason of a rejection)
 * }</pre>
 *
 * <p>{@code status} is a denormalised copy of what the production pointer says (see {@link ModelRegistry}):
 * queries that must be exact go through the registry, which corrects it.
 */
public final class ModelDocuments {

    /** The collection name. */
    public static final String COLLECTION = "models";
    public static final String ID = "_id";
    public static final String MD5 = "md5";
    public static final String SIZE = "size";
    public static final String STATUS = "status";
    public static final String CREATED_AT = "createdAt";
    public static final String HYPERPARAMETERS = "hyperparameters";
    public static final String METRICS = "metrics";
    public static final String LINEAGE = "lineage";
    public static final String PROMOTED_AT = "promotedAt";
    public static final String NOTE = "note";

    private ModelDocuments() {
    }

    /** The document of {@code version}; null {@code promotedAt} and {@code note} are left out. */
    static Document toDocument(ModelVersion version) {
        Document doc = new Document(ID, version.version())
                .append(MD5, version.md5())
                .append(SIZE, version.size())
                .append(STATUS, version.status().wireName())
                .append(CREATED_AT, Date.from(version.createdAt()))
                .append(HYPERPARAMETERS, new Document(version.hyperparameters()))
                .append(METRICS, new Document(version.metrics()))
                .append(LINEAGE, new Document(version.lineage()));
        if (version.promotedAt() != null) {
            doc.append(PROMOTED_AT, Date.from(version.promotedAt()));
        }
        if (version.note() != null) {
            doc.append(NOTE, version.note());
        }
        return doc;
    }

    /**
     * The version a stored document describes, with the status as stored. Numbers of any BSON numeric
     * type are accepted for {@code size} and metrics; hyperparameter values are read as strings.
     *
     * @throws IllegalArgumentException if a required field is missing or has the wrong type
     */
    static ModelVersion fromDocument(Document doc) {
        String version = doc.getString(ID);
        try {
            return new ModelVersion(
                    version,
                    doc.getString(MD5),
                    required(doc, SIZE, Number.class).longValue(),
                    ModelStatus.fromWireName(required(doc, STATUS, String.class)),
                    required(doc, CREATED_AT, Date.class).toInstant(),
                    strings(doc.get(HYPERPARAMETERS, Document.class)),
                    doubles(doc.get(METRICS, Document.class)),
                    doc.get(LINEAGE, Document.class),
                    instant(doc.getDate(PROMOTED_AT)),
                    doc.getString(NOTE));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("malformed document of model version " + version + ": " + e.getMessage(), e);
        }
    }

    private static <T> T required(Document doc, String field, Class<T> type) {
        T value = doc.get(field, type);
        if (value == null) {
            throw new IllegalArgumentException("malformed document of model version " + doc.get(ID)
                    + ": missing field " + field);
        }
        return value;
    }

    private static Map<String, String> strings(Document doc) {
        Map<String, String> map = new LinkedHashMap<>();
        if (doc != null) {
            doc.forEach((key, value) -> map.put(key, String.valueOf(value)));
        }
        return map;
    }

    private static Map<String, Double> doubles(Document doc) {
        Map<String, Double> map = new LinkedHashMap<>();
        if (doc != null) {
            doc.forEach((key, value) -> map.put(key, ((Number) value).doubleValue()));
        }
        return map;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
