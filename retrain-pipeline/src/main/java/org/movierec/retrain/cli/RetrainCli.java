package org.movierec.retrain.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.movierec.retrain.params.ParamsYaml;
import org.movierec.retrain.params.RetrainParams;
import org.movierec.retrain.run.DvcYaml;
import org.movierec.retrain.run.Stage;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code bin/retrain}, parsed by picocli: one subcommand per pipeline stage ({@link StageCommand}: what
 * {@code dvc repro} runs, in the current directory by default), {@code run} for the whole pipeline as the service
 * runs it ({@link RunCommand}), {@code dvc-yaml} and {@code params}. Results go to stdout as JSON, progress and
 * errors to stderr; bad arguments exit 2 (the message and the command's usage), failures 1 (a gate rejection is
 * not a failure: exit 0 with {@code "status":"rejected"}). {@code bin/retrain <command> --help} prints a command's
 * options and the environment variables behind their defaults.
 */
@Command(name = "retrain", scope = ScopeType.INHERIT, synopsisHeading = "usage: ", synopsisSubcommandLabel = "<command>",
        description = {"The retraining pipeline: one command per stage (what dvc repro runs from dvc.yaml) and run for"
                + " the whole pipeline as the retrain-service runs it.",
                "register and promote write to the model registry (promote: production); they run only with"
                        + " --registry-writes yes or RETRAIN_REGISTRY_WRITES=yes; a direct promotion is released by"
                        + " retrain-service (POST $RETRAIN_URL/models/{version}/promote)."},
        commandListHeading = "%ncommands:%n")
public final class RetrainCli implements Callable<Integer> {

    @Spec
    private CommandSpec spec;
    @Mixin
    private HelpOption help;

    private RetrainCli() {
    }

    /** {@code bin/retrain} alone: a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args);
    }

    /** The command line with its subcommands, printing to {@code out} and {@code err}. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new RetrainCli());
        for (Stage stage : Stage.values()) {
            add(cl, stage.wireName(), new StageCommand(stage), summary(stage));
        }
        cl.addSubcommand(new RunCommand());
        add(cl, "dvc-yaml", new Print(DvcYaml::text), "Prints the dvc.yaml of the pipeline.");
        add(cl, "params", new Print(() -> ParamsYaml.text(RetrainParams.ofDefaults())), "Prints the default params.yaml.");
        cl.addSubcommand(new HelpCommand());
        cl.addSubcommand(new AutoComplete.GenerateCompletion());
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        return cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setParameterExceptionHandler(RetrainCli::usageError)
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    command.getErr().println("retrain: " + command.getCommandName() + " failed: " + e);
                    return CommandLine.ExitCode.SOFTWARE;
                });
    }

    private static void add(CommandLine cl, String name, Object command, String summary) {
        CommandLine sub = new CommandLine(command);
        String[] description = sub.getCommandSpec().usageMessage().description();
        String[] withSummary = new String[description.length + 1];
        withSummary[0] = summary;
        System.arraycopy(description, 0, withSummary, 1, description.length);
        sub.getCommandSpec().usageMessage().description(withSummary);
        cl.addSubcommand(name, sub);
    }

    /** What {@code stage} does, in one line (the first of its help). */
    private static String summary(Stage stage) {
        return switch (stage) {
            case SNAPSHOT -> "Snapshots the ratings up to the cutoff, the users and the catalog.";
            case SPLIT -> "Splits the snapshot into train and test.";
            case TRAIN -> "Trains the candidate model on the train split.";
            case EVALUATE -> "Scores the candidate and the production model on the same holdout.";
            case FAIRNESS -> "Audits the candidate across the users' demographic groups.";
            case REGISTER -> "Registers the candidate in the model registry (needs --registry-writes yes).";
            case PROMOTE -> "Applies the gates, then releases the candidate or starts a canary (needs --registry-writes yes).";
        };
    }

    /** A bad command line: the message, the usage of the command it was for, exit code 2. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println("retrain: " + e.getMessage());
        command.usage(command.getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** The parameters in {@code file}; the defaults when there is no such file. */
    static RetrainParams params(Path file) throws Exception {
        return Files.exists(file) ? RetrainParams.load(file) : RetrainParams.ofDefaults();
    }

    /** The run id of a command-line run not given one: {@code cli-<UTC time>}. */
    static String cliRunId() {
        return "cli-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    }

    /** {@code dvc-yaml}, {@code params}: prints a generated file. */
    @Command
    static final class Print implements Callable<Integer> {

        private final Supplier<String> text;
        @Spec
        private CommandSpec spec;
        @Mixin
        private HelpOption help;

        Print(Supplier<String> text) {
            this.text = text;
        }

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(text.get());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
