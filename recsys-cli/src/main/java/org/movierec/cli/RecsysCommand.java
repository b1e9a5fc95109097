package org.movierec.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every recsys command has: {@code -h}/{@code --help}, and its picocli spec, which holds the command's stdout
 * and stderr (the streams {@link Recsys#run} was given) and names the command in a usage error.
 */
abstract class RecsysCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    private HelpOption help;

    /** Where the result goes. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where progress and warnings go. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
