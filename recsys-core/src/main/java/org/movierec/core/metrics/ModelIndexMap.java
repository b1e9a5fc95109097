package org.movierec.core.metrics;

import org.movierec.core.ids.IdIndex;

/**
 * Translates the dense indices of a ratings table into a model's indices, by external id.
 *
 * <p>A trainer copies the shared {@link IdIndex} at training time, so a model's indices are a prefix
 * of the data's as long as both come from the same index; but ids added later (new users, new movies)
 * lie beyond the model's tables, and a table loaded with an index of its own numbers ids differently.
 * Going through the external id handles both cases.
 */
final class ModelIndexMap {

    private ModelIndexMap() {
    }

    /**
     * {@code result[d]} is the model's index of the data's id {@code d}, or {@link IdIndex#ABSENT}
     * when the model does not know it.
     */
    static int[] toModel(IdIndex data, IdIndex model) {
        int[] result = new int[data.size()];
        for (int d = 0; d < result.length; d++) {
            String id = data.idAt(d);
            // Fast path for the usual case: the model's index is a prefix copy of the data's.
            result[d] = d < model.size() && model.idAt(d).equals(id) ? d : model.indexOf(id);
        }
        return result;
    }
}
