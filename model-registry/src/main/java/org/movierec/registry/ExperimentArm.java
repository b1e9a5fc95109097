package org.movierec.registry;


/**
 * One arm of an A/B experiment: a named share of traffic served by one model version.
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
}
