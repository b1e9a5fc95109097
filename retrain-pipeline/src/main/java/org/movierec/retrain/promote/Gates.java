package org.movierec.retrain.promote;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.movierec.retrain.evaluate.Evaluation;
import org.movierec.retrain.fairness.FairnessReport;
import org.movierec.retrain.params.RetrainParams;

/**
 * Whether a candidate may be promoted: not worse than production beyond the margins of {@code params.yaml}
 * ({@code promote.max_rmse_increase}, {@code promote.max_ndcg_decrease}) on the same holdout, and the
 * fairness gate holds. With no production model there is nothing to compare with: only fairness decides.
 */
public final class Gates {

    private Gates() {
    }

    /**
     * The decision.
     *
     * @return the reasons the candidate must not be promoted; empty when it may
     */
    public static List<String> failures(Evaluation evaluation, FairnessReport fairness, RetrainParams params) {
        List<String> reasons = new ArrayList<>();
        if (!Double.isFinite(evaluation.candidate().rmse())) {
            reasons.add("candidate RMSE is not a number");
        }
        if (evaluation.production() != null) {
            double maxRmse = evaluation.production().rmse() + params.number("promote.max_rmse_increase");
            if (!(evaluation.candidate().rmse() <= maxRmse)) {
                reasons.add(String.format(Locale.ROOT, "RMSE %.4f is worse than production %s's %.4f by more than %s",
                        evaluation.candidate().rmse(), evaluation.productionVersion(), evaluation.production().rmse(),
                        params.number("promote.max_rmse_increase")));
            }
            double prodNdcg = evaluation.production().ndcg();
            double minNdcg = prodNdcg - params.number("promote.max_ndcg_decrease");
            if (Double.isFinite(prodNdcg) && !(evaluation.candidate().ndcg() >= minNdcg)) {
                reasons.add(String.format(Locale.ROOT, "NDCG@%d %.4f is worse than production %s's %.4f by more than %s",
                        evaluation.candidate().k(), evaluation.candidate().ndcg(), evaluation.productionVersion(),
                        prodNdcg, params.number("promote.max_ndcg_decrease")));
            }
        }
        for (String f : fairness.failures()) {
            reasons.add("fairness: " + f);
        }
        return reasons;
    }
}
