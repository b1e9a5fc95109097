package org.movierec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.movierec.core.data.Ratings;
import org.movierec.core.json.Json;
import org.movierec.core.model.ModelFile;
import org.movierec.core.model.SvdModel;
import org.movierec.core.train.TrainingResult;

/** {@code recsys train --ratings FILE --out MODEL}: fits a model on all ratings and writes the model file. */
final class TrainCommand implements Command {

    @Override
    public Set<String> flags() {
        return ModelFitter.FLAGS;
    }

    @Override
    public void run(Args a, PrintStream out, PrintStream err) throws IOException {
        DataFiles data = new DataFiles(a, err);
        Path ratingsFile = a.path("ratings");
        Path modelFile = a.path("out");
        ModelFitter fitter = new ModelFitter(a);
        a.finish();

        Ratings ratings = data.load(ratingsFile);
        TrainingResult result = fitter.fit(ratings, data.scale(), err);
        SvdModel model = result.model().withMetadata(Map.of("source", ratingsFile.getFileName().toString()));
        Path parent = modelFile.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        ModelFile.write(model, modelFile);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", modelFile.toString());
        report.put("ratings", ratings.size());
        report.put("users", ratings.users().size());
        report.put("movies", ratings.items().size());
        report.put("factors", fitter.params().factors());
        report.put("epochs", result.epochsRun());
        report.put("best_epoch", result.bestEpoch());
        report.put("validation_rmse", result.bestValidationRmse());
        report.put("train_seconds", result.seconds());
        out.println(Json.write(report));
    }
}
