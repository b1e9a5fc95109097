package org.movierec.cli;

import org.movierec.core.train.TrainingParams;

/** The hyperparameter options shared by train, evaluate and cv. */
final class Hyperparameters {

    private Hyperparameters() {
    }

    static TrainingParams from(Args a) {
        TrainingParams d = TrainingParams.defaults();
        try {
            return new TrainingParams(
                    a.integer("factors", d.factors(), 1, 4096),
                    a.integer("epochs", d.maxEpochs(), 1, 10_000),
                    a.number("lr", d.learningRate()),
                    a.number("lr-decay", d.learningRateDecay()),
                    a.number("reg", d.regularization()),
                    a.number("bias-reg", d.biasRegularization()),
                    a.number("init-std", d.initStd()),
                    a.number("validation", d.validationFraction()),
                    a.integer("patience", d.patience(), 1, 10_000),
                    a.longValue("seed", d.seed()),
                    a.integer("threads", d.threads(), 1, 256));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
