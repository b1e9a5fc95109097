package org.movierec.retrain.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What {@code run} and the stage commands have: {@code -h}/{@code --help}, the platform's addresses, the request
 * options, and the picocli spec, which holds the command's stdout and stderr.
 */
abstract class RetrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    private HelpOption help;
    @Mixin
    PlatformOptions platform;
    @Mixin
    RequestOptions requestOptions;

    /** Where the result goes. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where progress goes. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
