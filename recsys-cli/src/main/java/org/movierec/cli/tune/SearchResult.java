package org.movierec.cli.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.movierec.core.train.TrainingParams;

/**
 * The trials of a hyperparameter search, best first: by cross-validated mean RMSE, ties by trial
 * number, failed trials last. The constructor sorts them.
 */
public record SearchResult(List<Trial> trials) {

    /** Best first: lowest mean RMSE, then lowest trial number; NaN (failed) sorts last. */
    public static final Comparator<Trial> BEST_FIRST =
            Comparator.comparingDouble(Trial::meanRmse).thenComparingInt(Trial::number);

    public SearchResult {
        List<Trial> sorted = new ArrayList<>(trials);
        sorted.sort(BEST_FIRST);
        trials = List.copyOf(sorted);
    }

    /** The trial with the lowest mean RMSE. */
    public Trial best() {
        if (trials.isEmpty() || trials.get(0).failed()) {
            throw new IllegalStateException("no trial succeeded");
        }
        return trials.get(0);
    }

    /** The parameters of the best trial. */
    public TrainingParams bestParams() {
        return best().params();
    }
}
