package org.movierec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code recsys} command line, parsed by picocli. Each command prints its result on stdout (JSON, or the
 * recommendation line), progress on stderr. Exit codes: 0 done, 1 failed (bad data, missing file), 2 bad command
 * line (the message and the command's usage on stderr). {@code recsys <command> --help} prints a command's
 * options; {@code recsys generate-completion} prints a bash/zsh completion script (see the module README).
 */
@Command(name = "recsys", scope = ScopeType.INHERIT, synopsisHeading = "usage: ", synopsisSubcommandLabel = "<command>",
        description = "The MovieRec command line: synthetic data, training, evaluation, tuning, recommendations.",
        commandListHeading = "%ncommands:%n",
        subcommands = {GenerateCommand.class, TrainCommand.class, EvaluateCommand.class, CrossValidateCommand.class,
                TuneCommand.class, RecommendCommand.class, InfoCommand.class, HelpCommand.class,
                AutoComplete.GenerateCompletion.class})
public final class Recsys implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    /** {@code recsys} alone: a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args);
    }

    /** The command line with its subcommands, printing to {@code out} and {@code err}. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Recsys())
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .registerConverter(Integer.class, Recsys::integer)
                .registerConverter(int.class, Recsys::integer)
                .registerConverter(Double.class, Recsys::finite)
                .registerConverter(double.class, Recsys::finite)
                .setParameterExceptionHandler(Recsys::usageError)
                .setExecutionExceptionHandler((e, command, parsed) -> failure(e, command.getErr()));
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        return cl;
    }

    /** A bad command line: the message, the usage of the command it was for, exit code 2. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("recsys: " + e.getMessage());
        command.usage(err);
        return CommandLine.ExitCode.USAGE;
    }

    /** A command that failed on its data or files: one line on stderr (a stack trace only with RECSYS_DEBUG), exit 1. */
    private static int failure(Exception e, PrintWriter err) {
        if (e instanceof NoSuchFileException missing) {
            err.println("recsys: no such file: " + missing.getFile());
        } else if (e instanceof IOException || e instanceof UncheckedIOException) {
            err.println("recsys: " + e.getMessage());
        } else {
            err.println("recsys: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            if (System.getenv("RECSYS_DEBUG") != null) {
                e.printStackTrace(err);
            }
        }
        return CommandLine.ExitCode.SOFTWARE;
    }

    /** An integer; underscores may group digits ({@code 1_000_000}). */
    private static Integer integer(String text) {
        try {
            return Integer.parseInt(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("must be an integer, got '" + text + "'");
        }
    }

    /** A finite number. */
    private static Double finite(String text) {
        try {
            double v = Double.parseDouble(text);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TypeConversionException("must be a number, got '" + text + "'");
    }
}
