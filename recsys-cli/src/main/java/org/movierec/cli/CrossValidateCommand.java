package org.movierec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.core.data.Ratings;
import org.movierec.core.json.Json;
import org.movierec.core.train.TrainingParams;
import org.movierec.cli.tune.CrossValidation;
import org.movierec.cli.tune.CvResult;

/** {@code recsys cv --ratings FILE --folds K}: k-fold cross-validated RMSE and MAE as JSON. */
final class CrossValidateCommand implements Command {

    @Override
    public void run(Args a, PrintStream out, PrintStream err) throws IOException {
        DataFiles data = new DataFiles(a, err);
        var ratingsFile = a.path("ratings");
        int folds = a.integer("folds", 5, 2, 100);
        TrainingParams params = Hyperparameters.from(a);
        a.finish();

        Ratings ratings = data.load(ratingsFile);
        CvResult cv = CrossValidation.run(ratings, params, data.scale(), folds, params.seed());
        out.println(Json.write(report(cv)));
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
