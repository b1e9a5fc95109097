package org.movierec.cli.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.movierec.core.data.RatingScale;
import org.movierec.core.data.Ratings;
import org.movierec.core.split.Split;
import org.movierec.core.split.Splits;
import org.movierec.core.train.TrainingParams;

/**
 * Grid or random search over a {@link SearchSpace}, each candidate scored by the mean RMSE of k-fold
 * {@link CrossValidation}.
 *
 * <p>All candidates are cross-validated on the same folds, cut once from the seed, and train with the
 * base parameters' seed, so differences between trials come from the hyperparameters, not from the
 * luck of the split. The random candidates are drawn from the same seed, so a search is fully
 * deterministic for a seed (and thread count). Trials run one after another; a candidate whose
 * training diverges is kept as a failed trial and ranked last.
 */
public final class HyperparameterSearch {

    private final Ratings ratings;
    private final TrainingParams base;
    private final RatingScale scale;
    private final int folds;
    private final long seed;
    private final TrialListener listener;

    /** A search on a 1..5 scale without progress reports. */
    public HyperparameterSearch(Ratings ratings, TrainingParams base, int folds, long seed) {
        this(ratings, base, RatingScale.ONE_TO_FIVE, folds, seed, TrialListener.NONE);
    }

    /**
     * @param ratings  the ratings to cross-validate on
     * @param base     parameters of every candidate apart from those the space varies
     * @param scale    rating scale predictions are clipped to
     * @param folds    number of cross-validation folds (at least 2)
     * @param seed     chooses the folds and the random candidates
     * @param listener told after every trial
     */
    public HyperparameterSearch(Ratings ratings, TrainingParams base, RatingScale scale, int folds, long seed,
                                TrialListener listener) {
        this.ratings = Objects.requireNonNull(ratings, "ratings");
        this.base = Objects.requireNonNull(base, "base");
        this.scale = Objects.requireNonNull(scale, "scale");
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds);
        }
        this.folds = folds;
        this.seed = seed;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Tries every combination of the grid. */
    public SearchResult grid(SearchSpace.Grid space) {
        return evaluate(space.candidates(base));
    }

    /** Tries {@code trials} candidates drawn at random from the ranges. */
    public SearchResult random(SearchSpace.Ranges space, int trials) {
        if (trials < 1) {
            throw new IllegalArgumentException("random search needs at least 1 trial, got " + trials);
        }
        // A stream of its own, so the candidates do not depend on how the folds used the seed.
        SplittableRandom random = new SplittableRandom(seed).split();
        List<TrainingParams> candidates = new ArrayList<>(trials);
        for (int t = 0; t < trials; t++) {
            candidates.add(space.sample(base, random));
        }
        return evaluate(candidates);
    }

    private SearchResult evaluate(List<TrainingParams> candidates) {
        List<Split> splits = Splits.kFold(ratings, folds, seed);
        List<Trial> trials = new ArrayList<>(candidates.size());
        for (int number = 0; number < candidates.size(); number++) {
            TrainingParams params = candidates.get(number);
            Trial trial;
            try {
                trial = new Trial(number, params, CrossValidation.run(splits, params, scale), null);
            } catch (IllegalStateException diverged) {
                trial = new Trial(number, params, null, String.valueOf(diverged.getMessage()));
            }
            trials.add(trial);
            listener.trialDone(trial, number + 1, candidates.size());
        }
        return new SearchResult(trials);
    }
}
