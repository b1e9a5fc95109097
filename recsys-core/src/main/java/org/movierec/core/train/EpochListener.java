package org.movierec.core.train;

/** Told after every epoch; for progress logs. Called on the training thread. */
@FunctionalInterface
public interface EpochListener {

    EpochListener NONE = (epoch, trainRmse, validationRmse) -> { };

    /** @param validationRmse NaN without a validation slice */
    void epochDone(int epoch, double trainRmse, double validationRmse);
}
