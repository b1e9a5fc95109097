package org.movierec.simulator.traffic;

/**
 * A {@code GET /recommend/{userId}} answer with how the router served it, from its headers (each null when absent).
 *
 * @param answer       the list (or the failure)
 * @param modelVersion {@code X-Model-Version}: the version that answered
 * @param experiment   {@code X-Experiment}: the experiment the user is assigned in, if one runs
 * @param arm          {@code X-Arm}: the user's arm in it
 * @param fallback     {@code X-Fallback}: why the router answered its cached popularity list, if it did
 */
public record ServedAnswer(RouterAnswer answer, String modelVersion, String experiment, String arm, String fallback) {
}
