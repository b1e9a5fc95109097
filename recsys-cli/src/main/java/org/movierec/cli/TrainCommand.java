package org.movierec.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.core.data.Ratings;
import org.movierec.core.model.ModelFile;
import org.movierec.core.model.SvdModel;
import org.movierec.core.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recsys train --ratings FILE --out MODEL}: fits a model on all ratings and writes the model file. */
@Command(name = "train", description = "Fits a model on all ratings and writes the model file; prints a JSON summary.")
final class TrainCommand extends FittingCommand {

    @Option(names = "--ratings", required = true, paramLabel = "FILE", description = "The ratings to fit.")
    private Path ratingsFile;
    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "The model file to write.")
    private Path modelFile;
    @Option(names = "--quiet", description = "No epoch progress on stderr.")
    private boolean quiet;

    @Override
    public Integer call() throws Exception {
        ModelFitter fitter = new ModelFitter(hyperparameters.params(), quiet);
        Ratings ratings = data.load(ratingsFile);
        TrainingResult result = fitter.fit(ratings, data.scale(), err());
        SvdModel model = result.model().withMetadata(Map.of("source", ratingsFile.getFileName().toString()));
        Path parent = modelFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
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
        JsonOutput.print(out(), report);
        return 0;
    }
}
