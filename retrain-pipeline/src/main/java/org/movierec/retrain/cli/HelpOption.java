package org.movierec.retrain.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help}, mixed into every command: prints the command's generated usage on stdout, exit 0. */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    private boolean help;
}
