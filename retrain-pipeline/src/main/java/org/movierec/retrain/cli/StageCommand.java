package org.movierec.retrain.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.movierec.retrain.RetrainJson;
import org.movierec.retrain.RunLayout;
import org.movierec.retrain.evaluate.ProductionModel;
import org.movierec.retrain.params.RetrainParams;
import org.movierec.retrain.run.RegistryProduction;
import org.movierec.retrain.run.RunContext;
import org.movierec.retrain.run.RunRequest;
import org.movierec.retrain.run.RunServices;
import org.movierec.retrain.run.Stage;
import org.movierec.retrain.run.StageTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/retrain <stage>}: one stage of the pipeline ({@link StageTask#of}) in a run directory, the current one
 * by default, as {@code dvc repro} runs it; its inputs are the files the earlier stages wrote there. Prints the
 * stage's result as one JSON line. Every stage takes the same options; each reads those it needs.
 */
@Command(description = "Runs in a run directory (the layout of dvc.yaml), as dvc repro does; prints the result as JSON.")
final class StageCommand extends RetrainCommand {

    private final Stage stage;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
            description = "The run directory (default: ${DEFAULT-VALUE}).")
    private Path dir;
    @Option(names = "--params", paramLabel = "FILE",
            description = "The parameters (default: DIR/params.yaml; the defaults when the file is missing).")
    private Path paramsFile;
    @Option(names = "--registry", arity = "1", paramLabel = "yes|no", defaultValue = "yes",
            converter = OptionValues.YesNoConverter.class,
            description = "evaluate: compare with the registry's production model (default: ${DEFAULT-VALUE}).")
    private OptionValues.YesNo registry;
    @Option(names = "--registry-writes", arity = "1", paramLabel = "yes|no",
            defaultValue = "${env:RETRAIN_REGISTRY_WRITES:-no}", converter = OptionValues.YesNoConverter.class,
            description = "register, promote: allow writing the model registry (default: $RETRAIN_REGISTRY_WRITES,"
                    + " else no).")
    private OptionValues.YesNo registryWrites;

    StageCommand(Stage stage) {
        this.stage = stage;
    }

    @Override
    public Integer call() throws Exception {
        if (stage.writesRegistry() && !registryWrites.yes()) {
            throw new IllegalStateException(stage.wireName() + " writes to the model registry"
                    + (stage == Stage.PROMOTE ? " and can change production" : "")
                    + "; outside the retrain-service it runs only when asked to: pass --registry-writes yes or set"
                    + " RETRAIN_REGISTRY_WRITES=yes (with dvc: `dvc unfreeze register promote` too)");
        }
        RunLayout layout = new RunLayout(dir);
        RetrainParams params = RetrainCli.params(paramsFile != null ? paramsFile : layout.path(RunLayout.PARAMS));
        RunRequest request = requestOptions.request();
        long start = System.nanoTime();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("stage", stage.wireName());
        try (RegistryConnection connection = platform.registry()) {
            ProductionModel production = registry.yes() ? () -> new RegistryProduction(connection.get()).current()
                    : ProductionModel.NONE;
            RunServices services = new RunServices(platform.databaseUrl(), platform.databaseUser(),
                    PlatformOptions.databasePassword(), requestOptions.directorySource(platform), connection::get,
                    production, platform.canary(), platform.releaser());
            RunContext context = new RunContext(layout, params, request,
                    "bin/retrain promote " + request.runId(), services);
            result.putAll(StageTask.of(stage).run(context));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        result.put("seconds", seconds);
        err().printf(Locale.ROOT, "retrain: %s done in %.2f s%n", stage.wireName(), seconds);
        out().println(RetrainJson.write(result));
        return 0;
    }
}
