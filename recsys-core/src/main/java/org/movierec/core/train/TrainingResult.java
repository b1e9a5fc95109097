package org.movierec.core.train;

import org.movierec.core.model.SvdModel;

/**
 * What a training run produced.
 *
 * @param model          the model of the best epoch (by validation RMSE when a validation slice was used)
 * @param epochsRun      epochs actually run (early stopping may end before {@code maxEpochs})
 * @param bestEpoch      1-based epoch whose parameters the model holds
 * @param trainRmse      per epoch, the RMSE of the training ratings as seen during that epoch's updates
 * @param validationRmse per epoch, the RMSE on the validation slice (empty without one)
 * @param trainRatings   ratings used for the updates (the training set minus the validation slice)
 * @param seconds        wall time of fitting alone
 */
public record TrainingResult(SvdModel model, int epochsRun, int bestEpoch, double[] trainRmse,
                             double[] validationRmse, int trainRatings, double seconds) {

    /** The validation RMSE of the returned model, or NaN without a validation slice. */
    public double bestValidationRmse() {
        return validationRmse.length == 0 ? Double.NaN : validationRmse[bestEpoch - 1];
    }
}
