package org.movierec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.movierec.core.data.Ratings;
import org.movierec.core.json.Json;
import org.movierec.core.train.TrainingParams;
import org.movierec.cli.tune.HyperparameterSearch;
import org.movierec.cli.tune.SearchResult;
import org.movierec.cli.tune.SearchSpace;
import org.movierec.cli.tune.Trial;

/**
 * {@code recsys tune --ratings FILE}: random (default) or grid search over factors, learning rate,
 * regularisation and epochs, each candidate scored by k-fold cross-validated RMSE. Progress on
 * stderr; the best parameters and every trial as JSON on stdout.
 */
final class TuneCommand implements Command {

    @Override
    public Set<String> flags() {
        return Set.of("skip-bad-lines", "grid");
    }

    @Override
    public void run(Args a, PrintStream out, PrintStream err) throws IOException {
        DataFiles data = new DataFiles(a, err);
        var ratingsFile = a.path("ratings");
        int folds = a.integer("folds", 3, 2, 100);
        int trials = a.integer("trials", 12, 1, 10_000);
        boolean grid = a.flag("grid");
        TrainingParams base = Hyperparameters.from(a);
        a.finish();

        Ratings ratings = data.load(ratingsFile);
        HyperparameterSearch search = new HyperparameterSearch(ratings, base, data.scale(), folds, base.seed(),
                (trial, finished, total) -> err.printf(Locale.ROOT, "trial %d/%d  rmse %s  %s%n", finished, total,
                        trial.failed() ? "failed: " + trial.failure() : String.format(Locale.ROOT, "%.4f", trial.meanRmse()),
                        trial.params().toMap()));
        SearchResult result = grid
                ? search.grid(new SearchSpace.Grid(List.of(50, 100), List.of(0.01, 0.03), List.of(0.04, 0.08), List.of(base.maxEpochs())))
                : search.random(new SearchSpace.Ranges(16, 200, 0.003, 0.05, 0.01, 0.2, 10, 80), trials);

        List<Map<String, Object>> all = new ArrayList<>();
        for (Trial t : result.trials()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rmse", t.meanRmse());
            row.put("params", t.params().toMap());
            if (t.failed()) {
                row.put("failure", t.failure());
            }
            all.add(row);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("best", CrossValidateCommand.report(result.best().cv()));
        report.put("trials", all);
        out.println(Json.write(report));
    }
}
