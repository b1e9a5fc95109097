package org.movierec.cli;

import picocli.CommandLine.Mixin;

/** A command that fits models on rating files: train, evaluate, cv, tune. They share the data options and the hyperparameters. */
abstract class FittingCommand extends RecsysCommand {

    @Mixin
    DataFiles data;
    @Mixin
    Hyperparameters hyperparameters;
}
