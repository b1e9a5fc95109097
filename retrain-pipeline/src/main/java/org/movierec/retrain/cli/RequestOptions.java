package org.movierec.retrain.cli;

import java.time.Instant;
import org.movierec.retrain.promote.PromotionMode;
import org.movierec.retrain.run.DirectorySource;
import org.movierec.retrain.run.RunRequest;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options that make a run's request, shared by {@code run} and the stage commands. */
final class RequestOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--run-id", paramLabel = "ID", description = "The run id (default: cli-<UTC time>).")
    private String runId;
    @Option(names = "--cutoff", paramLabel = "now|ISO-8601", defaultValue = "now", converter = OptionValues.Cutoff.class,
            description = "The snapshot takes the ratings at or before this moment (default: ${DEFAULT-VALUE}).")
    private Instant cutoff;
    @Option(names = "--promotion", paramLabel = "direct|canary", defaultValue = "${env:RETRAIN_PROMOTION:-direct}",
            converter = OptionValues.Promotion.class,
            description = "Release a candidate that passes the gates at once or start a canary (default:"
                    + " $RETRAIN_PROMOTION, else direct).")
    private PromotionMode promotion;
    @Option(names = "--users-file", paramLabel = "FILE|none",
            description = "The snapshot's users from a demographics file (u.user, users.dat) or none, instead of the"
                    + " user API.")
    private String usersFile;

    /** The request the options say; a run id that is not one is a usage error. */
    RunRequest request() {
        try {
            return new RunRequest(runId != null ? runId : RetrainCli.cliRunId(), cutoff, promotion);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
    }

    /** Where the snapshot's users and catalog come from. */
    DirectorySource directorySource(PlatformOptions platform) {
        return platform.directorySource(usersFile);
    }
}
