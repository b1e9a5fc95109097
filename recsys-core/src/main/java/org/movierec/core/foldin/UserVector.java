package org.movierec.core.foldin;

/**
 * A user's bias and factor vector, as fold-in computes it.
 *
 * @param bias    the user bias {@code b_u}
 * @param factors the factor vector {@code p_u}; owned by this record, do not modify
 */
public record UserVector(float bias, float[] factors) {
}
