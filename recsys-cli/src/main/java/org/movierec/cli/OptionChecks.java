package org.movierec.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of option values that picocli's types do not express (ranges, the core's own argument checks). A
 * failure is a usage error: the message and the command's usage on stderr, exit code 2.
 */
final class OptionChecks {

    private OptionChecks() {
    }

    /** {@code value} of {@code option} if it lies in {@code min..max}. */
    static int inRange(CommandSpec command, String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw usageError(command, option + " must be in " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    /** A usage error of {@code command} saying {@code message}. */
    static ParameterException usageError(CommandSpec command, String message) {
        return new ParameterException(command.commandLine(), message);
    }
}
