package org.movierec.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.core.model.ModelFile;
import org.movierec.core.model.ModelInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recsys info --model MODEL}: the header of a model file, without loading the factors. */
@Command(name = "info", description = "The header of a model file as JSON, without loading the factors.")
final class InfoCommand extends RecsysCommand {

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "The model file.")
    private Path modelFile;

    @Override
    public Integer call() throws Exception {
        ModelInfo info = ModelFile.readInfo(modelFile);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("format_version", info.formatVersion());
        report.put("users", info.users());
        report.put("movies", info.items());
        report.put("factors", info.factors());
        report.put("global_mean", (double) info.globalMean());
        report.put("scale", info.scale().toString());
        report.put("hyperparameters", info.hyperparameters());
        report.put("metadata", info.metadata());
        JsonOutput.print(out(), report);
        return 0;
    }
}
