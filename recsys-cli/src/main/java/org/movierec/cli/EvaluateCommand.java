package org.movierec.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.core.data.Ratings;
import org.movierec.core.ids.IdIndex;
import org.movierec.core.metrics.ErrorMetrics;
import org.movierec.core.metrics.ErrorSummary;
import org.movierec.core.metrics.RankingMetrics;
import org.movierec.core.metrics.RankingSummary;
import org.movierec.core.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recsys evaluate --train FILE --test FILE}: fits on the train file, scores the test file,
 * prints exactly one JSON object on stdout (a contract: external checks parse it).
 * {@code train_seconds} is the wall time of fitting alone, measured in-process.
 */
@Command(name = "evaluate", description = {"Fits on the train file and scores the test file.",
        "Prints one JSON object: rmse, mae, train_seconds, train_ratings, test_ratings, factors, epochs, best_epoch,"
                + " validation_rmse, threads (and the ranking metrics with --ranking-k)."})
final class EvaluateCommand extends FittingCommand {

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Ratings to fit.")
    private Path trainFile;
    @Option(names = "--test", required = true, paramLabel = "FILE", description = "Ratings to score.")
    private Path testFile;
    @Option(names = "--ranking-k", paramLabel = "K", defaultValue = "0",
            description = "Also precision, recall and NDCG at K and catalog coverage, 0..1000 (default: 0, none).")
    private int rankingK;
    @Option(names = "--quiet", description = "No epoch progress on stderr.")
    private boolean quiet;

    @Override
    public Integer call() throws Exception {
        OptionChecks.inRange(spec, "--ranking-k", rankingK, 0, 1000);
        ModelFitter fitter = new ModelFitter(hyperparameters.params(), quiet);

        IdIndex users = new IdIndex();
        IdIndex items = new IdIndex();
        Ratings train = data.load(trainFile, users, items);
        Ratings test = data.load(testFile, users, items);
        TrainingResult result = fitter.fit(train, data.scale(), err());
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
        report.put("threads", fitter.params().trainingThreads());
        if (rankingK > 0) {
            RankingSummary ranking = RankingMetrics.evaluate(result.model(), train, test, rankingK, 4.0);
            report.put("precision_at_k", ranking.precision());
            report.put("recall_at_k", ranking.recall());
            report.put("ndcg_at_k", ranking.ndcg());
            report.put("catalog_coverage", ranking.catalogCoverage());
            report.put("k", rankingK);
        }
        JsonOutput.print(out(), report);
        return 0;
    }
}
