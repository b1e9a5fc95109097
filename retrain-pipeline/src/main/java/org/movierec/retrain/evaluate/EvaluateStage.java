package org.movierec.retrain.evaluate;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.movierec.core.model.SvdModel;
import org.movierec.core.split.Split;
import org.movierec.retrain.RunLayout;
import org.movierec.retrain.params.RetrainParams;

/**
 * Stage 4, evaluate: RMSE, MAE, precision@k, recall@k and NDCG@k of the candidate and of the current
 * production model on the same holdout; output {@link RunLayout#METRICS}.
 */
public final class EvaluateStage {

    private EvaluateStage() {
    }

    /** Scores the candidate and, if there is one, the production model. */
    public static Evaluation evaluate(SvdModel candidate, Split split, ProductionModel production, RetrainParams params)
            throws IOException {
        int k = params.integer("evaluate.k");
        double threshold = params.number("evaluate.relevance_threshold");
        ModelScores c = ModelScores.of(candidate, split, k, threshold);
        Optional<ProductionModel.Versioned> prod = production.current();
        ModelScores p = prod.map(v -> ModelScores.of(v.model(), split, k, threshold)).orElse(null);
        Map<String, Object> holdout = new LinkedHashMap<>();
        holdout.put("policy", params.splitPolicy());
        holdout.put("train_ratings", split.train().size());
        holdout.put("test_ratings", split.test().size());
        holdout.put("test_users", (int) IntStream.range(0, split.test().size()).map(split.test()::user).distinct().count());
        return new Evaluation(c, prod.map(ProductionModel.Versioned::version).orElse(null), p, holdout);
    }

    public static void write(Evaluation evaluation, RunLayout layout) throws IOException {
        layout.writeJson(RunLayout.METRICS, evaluation.toMap());
    }

    public static Evaluation read(RunLayout layout) throws IOException {
        return Evaluation.fromMap(layout.readJson(RunLayout.METRICS));
    }
}
