package org.movierec.inference.realtime;

import java.util.BitSet;
import org.movierec.core.foldin.UserVector;

/**
 * A user folded into one model version: the vector solved from their training ratings and implicit set plus the
 * new ratings and watches, and every movie they rated or watched (never recommended again). Immutable by contract.
 *
 * @param vector      bias and factors from fold-in
 * @param rated       the model's item indices the user rated or watched, training and new (their implicit set)
 * @param ratedItems  the same items as an array, for explanations
 * @param ratedValues their ratings
 */
public record FoldedUser(UserVector vector, BitSet rated, int[] ratedItems, float[] ratedValues) {
}
