package org.movierec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.movierec.core.data.Ratings;
import org.movierec.core.ids.IdIndex;
import org.movierec.core.json.Json;
import org.movierec.core.metrics.ErrorMetrics;
import org.movierec.core.metrics.ErrorSummary;
import org.movierec.core.metrics.RankingMetrics;
import org.movierec.core.metrics.RankingSummary;
import org.movierec.core.train.TrainingResult;

/**
 * {@code recsys evaluate --train FILE --test FILE}: fits on the train file, scores the test file,
 * prints exactly one JSON object on stdout (a contract: external checks parse it).
 * {@code train_seconds} is the wall time of fitting alone, measured in-process.
 */
final class EvaluateCommand implements Command {

    @Override
    public Set<String> flags() {
        return ModelFitter.FLAGS;
    }

    @Override
    public void run(Args a, PrintStream out, PrintStream err) throws IOException {
        DataFiles data = new DataFiles(a, err);
        var trainFile = a.path("train");
        var testFile = a.path("test");
        int rankingK = a.integer("ranking-k", 0, 0, 1000);
        ModelFitter fitter = new ModelFitter(a);
        a.finish();

        IdIndex users = new IdIndex();
        IdIndex items = new IdIndex();
        Ratings train = data.load(trainFile, users, items);
        Ratings test = data.load(testFile, users, items);
        TrainingResult result = fitter.fit(train, data.scale(), err);
        ErrorSummary errors = ErrorMetrics.of(result.model(), test);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("rmse", errors.rmse());
        report.put("mae", errors.mae());
        report.put("train_seconds", result.seconds());
        report.put("train_ratings", train.size());
        report.put("test_ratings", test.size());
        report.put("factors", fitter.params().factors());
        report.put("epochs", result.epochsRun());
        report.put("best_epoch", result.bestEpoch());
        report.put("validation_rmse", result.bestValidationRmse());
        report.put("threads", fitter.params().threads());
        if (rankingK > 0) {
            RankingSummary ranking = RankingMetrics.evaluate(result.model(), train, test, rankingK, 4.0);
            report.put("precision_at_k", ranking.precision());
            report.put("recall_at_k", ranking.recall());
            report.put("ndcg_at_k", ranking.ndcg());
            report.put("catalog_coverage", ranking.catalogCoverage());
            report.put("k", rankingK);
        }
        out.println(Json.write(report));
    }
}
