package org.movierec.registry;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Sorts.ascending;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * The shape of the A/B experiment documents in collection {@value #COLLECTION}. The A/B router owns
 * writes to it; the registry module only reads it (see {@link ServingSet}). A document:
 *
 * <pre>{@code
 * { _id: "exp-2026-11-25-canary",          // any id type
 *   name: "canary 20261125-121314-ab12cd34",
 *   status: "running",                      // running | stopped | completed | aborted
 *   arms: [ { name: "control", modelVersion: "20261101-030000-0f3e9a1c", weight: 0.9 },
 *           { name: "canary",  modelVersion: "20261125-121314-ab12cd34", weight: 0.1 } ] }
 * }</pre>
 *
 * <p>The router may add fields of its own (start and end times, canary steps, ...); readers ignore them.
 */
public final class ExperimentArms {

    /** The collection name. */
    public static final String COLLECTION = "experiments";
    public static final String ID = "_id";
    public static final String NAME = "name";
    public static final String STATUS = "status";
    public static final String ARMS = "arms";
    /** Field of an arm sub-document: the arm's name. */
    public static final String ARM_NAME = "name";
    /** Field of an arm sub-document: the model version that serves it. */
    public static final String ARM_MODEL_VERSION = "modelVersion";
    /** Field of an arm sub-document: its relative share of traffic. */
    public static final String ARM_WEIGHT = "weight";

    private ExperimentArms() {
    }

    /** The sub-document of {@code arm}, as it is stored in an experiment's {@code arms} array. */
    public static Document toDocument(ExperimentArm arm) {
        return new Document(ARM_NAME, arm.name())
                .append(ARM_MODEL_VERSION, arm.modelVersion())
                .append(ARM_WEIGHT, arm.weight());
    }

    /**
     * The arm an {@code arms[]} element describes.
     *
     * @throws IllegalArgumentException if it is not a document, or a field is missing, has the wrong
     *                                  type or an invalid value; the message says which
     */
    public static ExperimentArm fromDocument(Object element) {
        if (!(element instanceof Document arm)) {
            throw new IllegalArgumentException("arm is not a document: " + element);
        }
        Object name = arm.get(ARM_NAME);
        Object modelVersion = arm.get(ARM_MODEL_VERSION);
        Object weight = arm.get(ARM_WEIGHT);
        if (!(name instanceof String)) {
            throw new IllegalArgumentException("arm has no string '" + ARM_NAME + "': " + arm.toJson());
        }
        if (!(modelVersion instanceof String)) {
            throw new IllegalArgumentException("arm " + name + " has no string '" + ARM_MODEL_VERSION + "'");
        }
        if (!(weight instanceof Number)) {
            throw new IllegalArgumentException("arm " + name + " has no numeric '" + ARM_WEIGHT + "'");
        }
        return new ExperimentArm((String) name, (String) modelVersion, ((Number) weight).doubleValue());
    }

    /** The running experiments, {@code _id} and {@code arms} only, in {@code _id} order. */
    public static FindIterable<Document> findRunning(MongoDatabase database) {
        return database.getCollection(COLLECTION)
                .find(eq(STATUS, ExperimentStatus.RUNNING.wireName()))
                .projection(include(ID, ARMS))
                .sort(ascending(ID));
    }
}
