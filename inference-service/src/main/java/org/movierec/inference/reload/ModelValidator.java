package org.movierec.inference.reload;

import org.movierec.core.model.SvdModel;
import org.movierec.core.recommend.Recommendation;
import org.movierec.core.recommend.Recommender;

/**
 * The checks a model passes before it may serve, beyond the file's own checksum and finite-number
 * checks: it has movies, and a smoke prediction and a smoke recommendation give finite scores.
 */
final class ModelValidator {

    private ModelValidator() {
    }

    /** @throws InvalidModelException with the reason */
    static void validate(SvdModel model, Recommender recommender) {
        if (model.items().size() == 0) {
            throw new InvalidModelException("the model has no movies");
        }
        if (!Float.isFinite(model.globalMean())) {
            throw new InvalidModelException("non-finite global mean");
        }
        String user = model.users().size() > 0 ? model.users().idAt(0) : "smoke-test-user";
        double prediction = model.predict(user, model.items().idAt(0));
        if (!Double.isFinite(prediction)) {
            throw new InvalidModelException("smoke prediction is not finite: " + prediction);
        }
        Recommendation r = recommender.forUser(user, 20);
        for (float score : r.items().scores()) {
            if (!Float.isFinite(score)) {
                throw new InvalidModelException("smoke recommendation has a non-finite score");
            }
        }
        if (r.items().size() == 0 && model.items().size() > model.ratedItems().count(0)) {
            throw new InvalidModelException("smoke recommendation is empty");
        }
    }

    /** A model that must not serve. */
    static final class InvalidModelException extends RuntimeException {
        InvalidModelException(String message) {
            super(message);
        }
    }
}
