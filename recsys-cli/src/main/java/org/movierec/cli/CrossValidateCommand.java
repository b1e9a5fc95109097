package org.movierec.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.core.data.Ratings;
import org.movierec.core.train.TrainingParams;
import org.movierec.cli.tune.CrossValidation;
import org.movierec.cli.tune.CvResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recsys cv --ratings FILE --folds K}: k-fold cross-validated RMSE and MAE as JSON. */
@Command(name = "cv", description = "K-fold cross-validated RMSE and MAE as JSON.")
final class CrossValidateCommand extends FittingCommand {

    @Option(names = "--ratings", required = true, paramLabel = "FILE", description = "The ratings.")
    private Path ratingsFile;
    @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "Folds, 2..100 (default: ${DEFAULT-VALUE}).")
    private int folds;

    @Override
    public Integer call() throws Exception {
        OptionChecks.inRange(spec, "--folds", folds, 2, 100);
        TrainingParams params = hyperparameters.params();
        Ratings ratings = data.load(ratingsFile);
        CvResult cv = CrossValidation.run(ratings, params, data.scale(), folds, params.seed());
        JsonOutput.print(out(), report(cv));
        return 0;
    }

    static Map<String, Object> report(CvResult cv) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("folds", cv.folds());
        report.put("rmse", cv.meanRmse());
        report.put("rmse_std", cv.stdRmse());
        report.put("mae", cv.meanMae());
        report.put("mae_std", cv.stdMae());
        report.put("fold_rmse", cv.foldRmse());
        report.put("train_seconds", cv.meanTrainSeconds());
        report.put("params", cv.params().toMap());
        return report;
    }
}
