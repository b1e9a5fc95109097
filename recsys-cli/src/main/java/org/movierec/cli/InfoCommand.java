package org.movierec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.core.json.Json;
import org.movierec.core.model.ModelFile;
import org.movierec.core.model.ModelInfo;

/** {@code recsys info --model MODEL}: the header of a model file, without loading the factors. */
final class InfoCommand implements Command {

    @Override
    public void run(Args a, PrintStream out, PrintStream err) throws IOException {
        var modelFile = a.path("model");
        a.finish();
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
        out.println(Json.write(report));
    }
}
