package org.movierec.retrain.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.movierec.retrain.params.RetrainParams;
import org.movierec.retrain.promote.PromotionMode;
import org.movierec.retrain.run.RetrainRunner;
import org.movierec.retrain.run.RunConfig;
import org.movierec.retrain.run.RunListener;
import org.movierec.retrain.run.RunOutcome;
import org.movierec.retrain.run.RunRequest;
import org.movierec.retrain.run.RunStatus;
import org.movierec.retrain.run.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/retrain run}: the whole pipeline as the retrain-service runs it ({@link RetrainRunner}), into
 * {@code WORK-DIR/runs/<run id>}. Prints the outcome as one JSON line; exit 1 when the run failed (a gate
 * rejection is not a failure: exit 0 with {@code "status":"rejected"}).
 */
@Command(name = "run", description = "Runs the whole pipeline as the retrain-service runs it; prints the outcome as JSON.")
final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;
    @Mixin
    private HelpOption help;
    @Mixin
    private PlatformOptions platform;

    @Option(names = "--work-dir", paramLabel = "DIR",
            defaultValue = "${env:RETRAIN_WORK_DIR:-${env:MOVIEREC_HOME:-.movierec}/retrain}",
            description = "Runs go to DIR/runs/<run id>, the DVC cache to DIR/cache (default: $RETRAIN_WORK_DIR,"
                    + " else $MOVIEREC_HOME/retrain, else .movierec/retrain).")
    private Path workDir;
    @Option(names = "--params", paramLabel = "FILE", description = "The parameters (default: the defaults).")
    private Path paramsFile;
    @Option(names = "--run-id", paramLabel = "ID", description = "The run id (default: cli-<UTC time>).")
    private String runId;
    @Option(names = "--cutoff", paramLabel = "now|ISO-8601", defaultValue = "now", converter = OptionValues.Cutoff.class,
            description = "Ratings at or before this moment (default: ${DEFAULT-VALUE}).")
    private Instant cutoff;
    @Option(names = "--promotion", paramLabel = "direct|canary", defaultValue = "${env:RETRAIN_PROMOTION:-direct}",
            converter = OptionValues.Promotion.class,
            description = "Release at once or start a canary (default: $RETRAIN_PROMOTION, else direct).")
    private PromotionMode promotion;
    @Option(names = "--users-file", paramLabel = "FILE|none",
            description = "Users from a demographics file (u.user, users.dat) or none, instead of the user API.")
    private String usersFile;

    @Override
    public Integer call() throws Exception {
        RetrainParams params = paramsFile != null ? RetrainCli.params(paramsFile) : RetrainParams.ofDefaults();
        RunRequest request = RetrainCli.request(spec, runId != null ? runId : RetrainCli.cliRunId(), cutoff, promotion);
        PrintWriter err = spec.commandLine().getErr();
        try (RegistryConnection registry = platform.registry()) {
            RunConfig config = new RunConfig(workDir, params, platform.databaseUrl(), platform.databaseUser(),
                    PlatformOptions.databasePassword(), platform.directorySource(usersFile), registry.get(),
                    platform.canary(), PlatformOptions.slack(), platform.releaser());
            RunOutcome outcome = new RetrainRunner(config, Clock.systemUTC())
                    .run(request, new RunListener() {
                        @Override
                        public void stageStarted(String runId, Stage stage) {
                            err.println("retrain: " + stage.wireName() + " ...");
                        }

                        @Override
                        public void stageFinished(String runId, Stage stage, double seconds) {
                            err.printf(Locale.ROOT, "retrain: %s done in %.2f s%n", stage.wireName(), seconds);
                        }
                    });
            JsonOutput.print(spec.commandLine().getOut(), outcomeJson(outcome));
            return outcome.status() == RunStatus.FAILED ? 1 : 0;
        }
    }

    /** The run's outcome as JSON (also the service's run record fields). */
    static Map<String, Object> outcomeJson(RunOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", o.runId());
        m.put("status", o.status().wireName());
        m.put("stage", o.stage() == null ? null : o.stage().wireName());
        m.put("error", o.error());
        m.put("version", o.version());
        m.put("promoted", o.promoted());
        m.put("promotionMode", o.promotionMode());
        m.put("experimentId", o.experimentId());
        m.put("reasons", o.reasons());
        m.put("startedAt", o.startedAt().toString());
        m.put("finishedAt", o.finishedAt().toString());
        m.put("durationSeconds", o.durationSeconds());
        m.put("stageSeconds", o.stageSeconds());
        m.put("metrics", o.metrics());
        return m;
    }
}
