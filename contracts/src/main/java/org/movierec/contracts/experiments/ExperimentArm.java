package org.movierec.contracts.experiments;

import static org.movierec.contracts.experiments.ExperimentsCollection.ARM_MODEL_VERSION;
import static org.movierec.contracts.experiments.ExperimentsCollection.ARM_NAME;
import static org.movierec.contracts.experiments.ExperimentsCollection.ARM_WEIGHT;

import org.bson.Document;

/**
 * One arm of an A/B experiment: a named share of traffic served by one model version, stored as an element of
 * an experiment document's {@link ExperimentsCollection#ARMS} array.
 *
 * @param name         the arm's name, unique within its experiment ({@code control}, {@code canary}, ...)
 * @param modelVersion the model version that serves it
 * @param weight       its relative share of traffic, finite and {@code >= 0}
 */
public record ExperimentArm(String name, String modelVersion, double weight) {

    /** Validates the fields. */
    public ExperimentArm {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("arm name must not be blank");
        }
        if (modelVersion == null || modelVersion.isBlank()) {
            throw new IllegalArgumentException("arm " + name + ": modelVersion must not be blank");
        }
        if (!Double.isFinite(weight) || weight < 0) {
            throw new IllegalArgumentException("arm " + name + ": weight must be finite and >= 0: " + weight);
        }
    }

    /** This arm's sub-document, as it is stored in an experiment's {@code arms} array. */
    public Document toDocument() {
        return new Document(ARM_NAME, name)
                .append(ARM_MODEL_VERSION, modelVersion)
                .append(ARM_WEIGHT, weight);
    }

    /**
     * The arm an {@code arms[]} element describes.
     *
     * @param element an element of an experiment document's {@code arms} array
     * @return the arm it describes
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
}
