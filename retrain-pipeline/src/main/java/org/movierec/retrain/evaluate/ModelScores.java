package org.movierec.retrain.evaluate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.core.metrics.ErrorMetrics;
import org.movierec.core.metrics.ErrorSummary;
import org.movierec.core.metrics.RankingMetrics;
import org.movierec.core.metrics.RankingSummary;
import org.movierec.core.model.SvdModel;
import org.movierec.core.split.Split;

/**
 * A model's offline quality on a holdout: error metrics over every holdout rating and top-k ranking
 * metrics (full-catalog protocol of {@link RankingMetrics#evaluate}).
 *
 * @param k              list length
 * @param rmse           root mean squared error
 * @param mae            mean absolute error
 * @param precision      mean precision@k
 * @param recall         mean recall@k
 * @param ndcg           mean NDCG@k
 * @param coverage       catalog coverage of the evaluated users' top-k
 * @param usersEvaluated users with a relevant holdout item
 */
public record ModelScores(int k, double rmse, double mae, double precision, double recall, double ndcg,
                          double coverage, int usersEvaluated) {

    /** Scores {@code model} on {@code split}'s holdout. */
    public static ModelScores of(SvdModel model, Split split, int k, double relevanceThreshold) {
        ErrorSummary errors = ErrorMetrics.of(model, split.test());
        RankingSummary ranking = RankingMetrics.evaluate(model, split.train(), split.test(), k, relevanceThreshold);
        return new ModelScores(k, errors.rmse(), errors.mae(), ranking.precision(), ranking.recall(), ranking.ndcg(),
                ranking.catalogCoverage(), ranking.usersEvaluated());
    }

    /** As registry metrics: {@code rmse}, {@code mae}, {@code precision@k}, {@code recall@k}, {@code ndcg@k}, {@code coverage@k}. */
    public Map<String, Double> toMetrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rmse", rmse);
        m.put("mae", mae);
        m.put("precision@" + k, precision);
        m.put("recall@" + k, recall);
        m.put("ndcg@" + k, ndcg);
        m.put("coverage@" + k, coverage);
        return m;
    }

    /** As JSON: the metrics plus {@code users_evaluated}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(toMetrics());
        m.put("users_evaluated", usersEvaluated);
        return m;
    }

    /** Reads {@link #toMap()} back. */
    public static ModelScores fromMap(Map<String, Object> m, int k) {
        return new ModelScores(k, num(m, "rmse"), num(m, "mae"), num(m, "precision@" + k), num(m, "recall@" + k),
                num(m, "ndcg@" + k), num(m, "coverage@" + k), (int) num(m, "users_evaluated"));
    }

    private static double num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
