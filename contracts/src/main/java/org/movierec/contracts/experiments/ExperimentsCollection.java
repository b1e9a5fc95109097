package org.movierec.contracts.experiments;

/**
 * The MongoDB collection {@value #COLLECTION} of A/B experiments: its name and the fields of its documents that
 * serving reads, defined once. The A/B router writes the documents (with fields of its own beside these:
 * start and end times, canary steps, ...); the model registry reads the running ones to tell each inference
 * replica which model versions to keep loaded, and ignores the rest. A document:
 *
 * <pre>{@code
 * { _id: "exp-2026-11-25-canary",          // any id type
 *   name: "canary 20261125-121314-ab12cd34",
 *   status: "running",                      // ExperimentStatus: running | stopped | completed | aborted
 *   arms: [ { name: "control", modelVersion: "20261101-030000-0f3e9a1c", weight: 90 },
 *           { name: "canary",  modelVersion: "20261125-121314-ab12cd34", weight: 10 } ] }
 * }</pre>
 *
 * An arm sub-document is written and read by {@link ExperimentArm#toDocument()} and
 * {@link ExperimentArm#fromDocument(Object)}.
 */
public final class ExperimentsCollection {

    /** The collection name. */
    public static final String COLLECTION = "experiments";
    /** The experiment's id. */
    public static final String ID = "_id";
    /** Its human-readable name. */
    public static final String NAME = "name";
    /** Its {@link ExperimentStatus}, as {@link ExperimentStatus#wireName()}. */
    public static final String STATUS = "status";
    /** The array of its arm sub-documents. */
    public static final String ARMS = "arms";
    /** Field of an arm sub-document: the arm's name. */
    public static final String ARM_NAME = "name";
    /** Field of an arm sub-document: the model version that serves it. */
    public static final String ARM_MODEL_VERSION = "modelVersion";
    /** Field of an arm sub-document: its relative share of traffic. */
    public static final String ARM_WEIGHT = "weight";

    private ExperimentsCollection() {
    }
}
