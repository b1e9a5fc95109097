package org.movierec.router.assignment;

/**
 * Where one request goes: the experiment and arm it belongs to and the model version to ask for.
 * Without a running experiment all three are null and the inference service's production version answers.
 *
 * @param experiment the experiment id, or null
 * @param arm the arm name, or null
 * @param modelVersion the version to pass as {@code ?model=}, or null for production
 * @param meters the counters of this arm
 */
public record Route(String experiment, String arm, String modelVersion, ArmMeters meters) {
}
