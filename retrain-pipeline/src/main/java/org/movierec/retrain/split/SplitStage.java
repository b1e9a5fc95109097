package org.movierec.retrain.split;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.movierec.core.data.RatingScale;
import org.movierec.core.data.Ratings;
import org.movierec.core.data.load.LoadOptions;
import org.movierec.core.data.load.RatingsFormat;
import org.movierec.core.data.load.RatingsLoader;
import org.movierec.core.data.load.RatingsWriter;
import org.movierec.core.ids.IdIndex;
import org.movierec.core.split.Split;
import org.movierec.core.split.Splits;
import org.movierec.retrain.RunLayout;
import org.movierec.retrain.params.RetrainParams;

/**
 * Stage 2, split: the holdout the candidate and production models are compared on.
 *
 * <p>Policies ({@code split.policy}):
 * <ul>
 * <li>{@code time} (the default): the newest {@code split.test_fraction} of the ratings, a global time cut
 *     ({@link Splits#byTime}). A deployed model is trained on the past and serves the future, including users
 *     and movies it has never seen; a random split lets the model learn from the future of its test ratings
 *     and over-states the quality it will have online when tastes, catalog and users drift.</li>
 * <li>{@code last-per-user}: each user's {@code split.last_n} newest ratings ({@link Splits#lastPerUser});
 *     every test user is known, so it measures "what next" for returning users.</li>
 * <li>{@code random}: a random {@code split.test_fraction} with {@code split.seed} ({@link Splits#random});
 *     for comparing algorithms on a fixed snapshot, not for deciding what ships.</li>
 * </ul>
 *
 * <p>Output, under {@link RunLayout#SPLIT}: {@code train.tsv} and {@code test.tsv} (MovieLens {@code u.data}
 * format). The in-memory split is re-indexed exactly as {@link #read} loads the files (train ids first, then
 * new test ids), so a model trained in one process or from the files by {@code dvc repro} is the same.
 */
public final class SplitStage {

    /** Training file in the split directory. */
    public static final String TRAIN = "train.tsv";
    /** Holdout file in the split directory. */
    public static final String TEST = "test.tsv";

    private SplitStage() {
    }

    /** Splits {@code ratings} by the configured policy. */
    public static Split split(Ratings ratings, RetrainParams params) {
        Split split = switch (params.splitPolicy()) {
            case "time" -> Splits.byTime(ratings, params.testFraction());
            case "last-per-user" -> Splits.lastPerUser(ratings, params.integer("split.last_n"));
            case "random" -> Splits.random(ratings, params.testFraction(), params.integer("split.seed"));
            default -> throw new IllegalArgumentException("unknown split policy " + params.splitPolicy());
        };
        if (split.train().size() == 0 || split.test().size() == 0) {
            throw new IllegalStateException("the " + params.splitPolicy() + " split of " + ratings.size()
                    + " ratings leaves " + split.train().size() + " to train and " + split.test().size() + " to test");
        }
        return reindexed(split);
    }

    /** The split with fresh indices: the training ids in row order, then the holdout's new ids. */
    static Split reindexed(Split split) {
        IdIndex users = new IdIndex();
        IdIndex items = new IdIndex();
        Ratings train = copy(split.train(), users, items);
        Ratings test = copy(split.test(), users, items);
        return new Split(train, test);
    }

    private static Ratings copy(Ratings r, IdIndex users, IdIndex items) {
        Ratings.Builder b = Ratings.builder(users, items);
        for (int row = 0; row < r.size(); row++) {
            b.add(r.users().idAt(r.user(row)), r.items().idAt(r.item(row)), r.value(row), r.time(row));
        }
        return b.build();
    }

    /** Writes {@code train.tsv} and {@code test.tsv}. */
    public static void write(Split split, RunLayout layout) throws IOException {
        Path dir = layout.path(RunLayout.SPLIT);
        Files.createDirectories(dir);
        RatingsWriter writer = new RatingsWriter(RatingsFormat.ML100K);
        writer.write(split.train(), dir.resolve(TRAIN));
        writer.write(split.test(), dir.resolve(TEST));
    }

    /** Reads a split written by {@link #write}, train first, with shared indices. */
    public static Split read(RunLayout layout, RatingScale scale) throws IOException {
        Path dir = layout.path(RunLayout.SPLIT);
        RatingsLoader loader = new RatingsLoader(RatingsFormat.ML100K, LoadOptions.defaults().withScale(scale));
        IdIndex users = new IdIndex();
        IdIndex items = new IdIndex();
        Ratings train = loader.load(dir.resolve(TRAIN), users, items).ratings();
        Ratings test = loader.load(dir.resolve(TEST), users, items).ratings();
        return new Split(train, test);
    }
}
