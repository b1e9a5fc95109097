package org.movierec.retrain.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.movierec.retrain.RetrainJson;
import org.movierec.retrain.params.RetrainParams;
import org.movierec.retrain.run.RetrainRunner;
import org.movierec.retrain.run.RunConfig;
import org.movierec.retrain.run.RunListener;
import org.movierec.retrain.run.RunOutcome;
import org.movierec.retrain.run.RunRequest;
import org.movierec.retrain.run.RunStatus;
import org.movierec.retrain.run.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/retrain run}: the whole pipeline as the retrain-service runs it ({@link RetrainRunner}), into
 * {@code WORK-DIR/runs/<run id>}. Prints the outcome as one JSON line; exit 1 when the run failed (a gate
 * rejection is not a failure: exit 0 with {@code "status":"rejected"}).
 */
@Command(name = "run", description = "Runs the whole pipeline as the retrain-service runs it; prints the outcome as JSON.")
final class RunCommand extends RetrainCommand {

    @Option(names = "--work-dir", paramLabel = "DIR",
            defaultValue = "${env:RETRAIN_WORK_DIR:-${env:MOVIEREC_HOME:-.movierec}/retrain}",
            description = "Runs go to DIR/runs/<run id>, the DVC cache to DIR/cache (default: $RETRAIN_WORK_DIR,"
                    + " else $MOVIEREC_HOME/retrain, else .movierec/retrain).")
    private Path workDir;
    @Option(names = "--params", paramLabel = "FILE", description = "The parameters (default: the defaults).")
    private Path paramsFile;

    @Override
    public Integer call() throws Exception {
        RetrainParams params = paramsFile != null ? RetrainCli.params(paramsFile) : RetrainParams.ofDefaults();
        RunRequest request = requestOptions.request();
        PrintWriter err = err();
        try (RegistryConnection registry = platform.registry()) {
            RunConfig config = new RunConfig(workDir, params, platform.databaseUrl(), platform.databaseUser(),
                    PlatformOptions.databasePassword(), requestOptions.directorySource(platform), registry.get(),
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
            out().println(RetrainJson.write(outcomeJson(outcome)));
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
