package org.movierec.cli;

import org.movierec.core.train.TrainingParams;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The hyperparameter options shared by train, evaluate, cv and tune, mixed into each. An option not given
 * keeps {@link TrainingParams#defaults()}'s value (the one place those defaults are written).
 */
final class Hyperparameters {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--factors", paramLabel = "K", description = "Latent factors, 1..4096.")
    private Integer factors;
    @Option(names = "--epochs", paramLabel = "N", description = "Most epochs, 1..10000.")
    private Integer epochs;
    @Option(names = "--lr", paramLabel = "X", description = "Learning rate.")
    private Double learningRate;
    @Option(names = "--lr-decay", paramLabel = "X", description = "Learning-rate decay per epoch.")
    private Double learningRateDecay;
    @Option(names = "--reg", paramLabel = "X", description = "Regularisation of the factors.")
    private Double regularization;
    @Option(names = "--bias-reg", paramLabel = "X", description = "Regularisation of the biases.")
    private Double biasRegularization;
    @Option(names = "--init-std", paramLabel = "X", description = "Standard deviation of the initial factors.")
    private Double initStd;
    @Option(names = "--validation", paramLabel = "F", description = "Fraction held out for early stopping (0: none).")
    private Double validationFraction;
    @Option(names = "--patience", paramLabel = "N", description = "Epochs without improvement before stopping, 1..10000.")
    private Integer patience;
    @Option(names = "--seed", paramLabel = "S", description = "Random seed.")
    private Long seed;
    @Option(names = "--threads", paramLabel = "T", description = "Training threads of the explicit model, 1..256 (SVD++ trains on one).")
    private Integer threads;
    @Option(names = "--implicit", negatable = true, description = "SVD++: learn from the set of movies each user rated "
            + "(implicit feedback) as well as the ratings; --no-implicit trains the explicit model of earlier builds.")
    private Boolean implicit;
    @Option(names = "--implicit-reg", paramLabel = "X", description = "Regularisation of the implicit factors.")
    private Double implicitRegularization;

    /** The parameters the options say; a value out of range is a usage error. */
    TrainingParams params() {
        TrainingParams d = TrainingParams.defaults();
        try {
            return new TrainingParams(
                    factors == null ? d.factors() : OptionChecks.inRange(command, "--factors", factors, 1, 4096),
                    epochs == null ? d.maxEpochs() : OptionChecks.inRange(command, "--epochs", epochs, 1, 10_000),
                    learningRate == null ? d.learningRate() : learningRate,
                    learningRateDecay == null ? d.learningRateDecay() : learningRateDecay,
                    regularization == null ? d.regularization() : regularization,
                    biasRegularization == null ? d.biasRegularization() : biasRegularization,
                    initStd == null ? d.initStd() : initStd,
                    validationFraction == null ? d.validationFraction() : validationFraction,
                    patience == null ? d.patience() : OptionChecks.inRange(command, "--patience", patience, 1, 10_000),
                    seed == null ? d.seed() : seed,
                    threads == null ? d.threads() : OptionChecks.inRange(command, "--threads", threads, 1, 256),
                    implicit == null ? d.implicit() : implicit,
                    implicitRegularization == null ? d.implicitRegularization() : implicitRegularization);
        } catch (IllegalArgumentException e) {
            throw OptionChecks.usageError(command, e.getMessage());
        }
    }
}
