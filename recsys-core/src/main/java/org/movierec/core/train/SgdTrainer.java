package org.movierec.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.movierec.core.data.ImplicitFeedback;
import org.movierec.core.data.RatingScale;
import org.movierec.core.data.Ratings;
import org.movierec.core.model.ImplicitFactors;
import org.movierec.core.model.ImplicitItems;
import org.movierec.core.model.RatedItems;
import org.movierec.core.model.SvdModel;
import org.movierec.core.popularity.PopularityModel;
import org.movierec.core.random.Randoms;

/**
 * Trains a biased matrix-factorisation model {@code μ + b_u + b_i + p_u·q_i} by stochastic gradient
 * descent, the Funk / Surprise way: for each rating, {@code e = r − r̂};
 * {@code b_u += η(e − λ_b b_u)}, {@code b_i += η(e − λ_b b_i)},
 * {@code p_u += η(e q_i − λ p_u)}, {@code q_i += η(e p_u − λ q_i)}; the step η decays after each epoch.
 *
 * <h2>Parallelism without races</h2>
 * Users and items are each dealt at random into {@code T} blocks (T = threads), which cuts the
 * rating matrix into {@code T×T} strata. An epoch runs in T rounds; in round {@code s} thread
 * {@code t} updates stratum {@code (t, (t+s) mod T)}. Strata of one round share no user and no item,
 * so threads never write the same parameter, and the result depends only on the seed and T
 * (distributed SGD, Gemulla et al. 2011). With one thread it is plain sequential SGD.
 *
 * <p>The model it returns also records which items each user rated and the items' popularity
 * ranking (all of {@code ratings}, the validation slice included), so serving can exclude rated
 * movies and fall back to popularity from the model file alone.
 *
 * <h2>SVD++</h2>
 * With {@link TrainingParams#implicit()} it trains SVD++ instead (Koren 2008):
 * {@code μ + b_u + b_i + q_i·(p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j)}, where {@code N(u)} is the set of movies
 * the user rated (all of {@code ratings}, the validation slice included: who rated what is known
 * without the rating) or watched ({@link #train(Ratings, ImplicitFeedback)}). The epochs are
 * {@link SvdppEpochs}': one thread, users in random order, the implicit gradient accumulated per user.
 * The implicit factors start at zero, so the first steps are those of the explicit model. The model
 * stores each user's effective vector as its user factors, and {@code y} and {@code N(u)} for fold-in.
 *
 * <h2>Early stopping</h2>
 * With {@code validationFraction > 0}, that share of the ratings (chosen by the seed) is held out;
 * after each epoch its RMSE is measured, the best parameters are kept, and training stops after
 * {@code patience} epochs without improvement, or at the first epoch whose error is no longer finite
 * (the model is then the best epoch's, and its metadata says {@code divergedAtEpoch}: SVD++ at the default step
 * does that on very sparse data, e.g. a million users with five ratings each, see docs/BENCHMARKS.md). Without a
 * validation slice there is no best epoch to fall back to, and a divergence is an error.
 */
public final class SgdTrainer {

    private final TrainingParams params;
    private final RatingScale scale;
    private final EpochListener listener;

    public SgdTrainer(TrainingParams params) {
        this(params, RatingScale.ONE_TO_FIVE, EpochListener.NONE);
    }

    public SgdTrainer(TrainingParams params, RatingScale scale, EpochListener listener) {
        this.params = params;
        this.scale = scale;
        this.listener = listener;
    }

    /**
     * Trains on every rating of {@code ratings} (less the validation slice); an SVD++ model takes the
     * rated movies as each user's implicit set.
     */
    public TrainingResult train(Ratings ratings) {
        return train(ratings, ImplicitFeedback.none());
    }

    /**
     * Trains on every rating of {@code ratings} (less the validation slice); an SVD++ model's implicit
     * sets are the rated movies plus the pairs of {@code watched}, which must share the ratings' id
     * indices (users who only watched are users of the model, with a vector from their watches alone).
     * The explicit model ignores {@code watched}.
     */
    public TrainingResult train(Ratings ratings, ImplicitFeedback watched) {
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(params.seed());
        int n = ratings.size();
        if (n == 0) {
            throw new IllegalArgumentException("cannot train on zero ratings");
        }
        int[] order = Randoms.permutation(n, random);
        int validationSize = (int) Math.round(n * params.validationFraction());
        if (validationSize > 0 && n - validationSize < 1) {
            validationSize = 0;
        }
        int trainSize = n - validationSize;

        int nUsers = ratings.users().size();
        int nItems = ratings.items().size();
        int k = params.factors();

        double sum = 0;
        for (int j = 0; j < trainSize; j++) {
            sum += ratings.value(order[j]);
        }
        float mean = (float) (sum / trainSize);

        float[] userBias = new float[nUsers];
        float[] itemBias = new float[nItems];
        float[][] userRows = gaussianRows(nUsers, k, params.initStd(), random);
        float[][] itemRows = gaussianRows(nItems, k, params.initStd(), random);

        boolean implicit = params.implicit();
        int threads = params.trainingThreads();
        Strata strata = Strata.build(ratings, order, trainSize, threads, nUsers, nItems, random);
        Stratum validation = internalRows(ratings, order, trainSize, n, strata);
        ImplicitItems implicitSets = implicit ? ImplicitItems.of(ratings, watched) : null;
        SvdppEpochs svdpp = implicit ? svdppEpochs(strata, implicitSets, k) : null;
        SplittableRandom userOrder = implicit ? random.split() : null;

        Parameters current = new Parameters(mean, userBias, itemBias, userRows, itemRows,
                implicit ? new float[nItems][k] : null, k);
        Parameters best = null;
        double bestValidation = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int sinceBest = 0;
        List<Double> trainRmse = new ArrayList<>();
        List<Double> validationRmse = new ArrayList<>();

        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, daemonThreads()) : null;
        try {
            double rate = params.learningRate();
            int epoch = 0;
            int divergedAt = 0;
            while (epoch < params.maxEpochs()) {
                epoch++;
                double squaredError = svdpp != null
                        ? svdpp.run(current.mean, current.userBias, current.itemBias, current.userRows, current.itemRows,
                                current.implicitRows, (float) rate, (float) params.regularization(),
                                (float) params.biasRegularization(), (float) params.implicitRegularization(), userOrder)
                        : runEpoch(strata, current, (float) rate, pool);
                rate *= params.learningRateDecay();
                double epochTrainRmse = Math.sqrt(squaredError / trainSize);
                if (!Double.isFinite(epochTrainRmse)) {
                    if (best == null) {
                        throw new IllegalStateException("training diverged at epoch " + epoch
                                + " (learning rate " + params.learningRate() + " too high?)");
                    }
                    divergedAt = epoch;
                    break;
                }
                trainRmse.add(epochTrainRmse);
                double epochValidationRmse = Double.NaN;
                if (validationSize > 0) {
                    epochValidationRmse = rmse(validation, current, effectiveRows(current, svdpp, strata));
                    validationRmse.add(epochValidationRmse);
                    if (epochValidationRmse < bestValidation - 1e-6) {
                        bestValidation = epochValidationRmse;
                        bestEpoch = epoch;
                        best = current.copy();
                        sinceBest = 0;
                    } else if (++sinceBest >= params.patience()) {
                        listener.epochDone(epoch, epochTrainRmse, epochValidationRmse);
                        break;
                    }
                } else {
                    bestEpoch = epoch;
                }
                listener.epochDone(epoch, epochTrainRmse, epochValidationRmse);
            }
            Parameters chosen = best != null ? best : current;
            Flat result = external(chosen, effectiveRows(chosen, svdpp, strata), strata);
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("trainRatings", Integer.toString(trainSize));
            metadata.put("validationRatings", Integer.toString(validationSize));
            metadata.put("epochsRun", Integer.toString(trainRmse.size()));
            metadata.put("bestEpoch", Integer.toString(bestEpoch));
            if (divergedAt > 0) {
                metadata.put("divergedAtEpoch", Integer.toString(divergedAt));
            }
            if (validationSize > 0) {
                metadata.put("validationRmse", String.format(Locale.ROOT, "%.6f", bestValidation));
            }
            metadata.put("trainSeconds", String.format(Locale.ROOT, "%.3f", seconds));
            SvdModel model = new SvdModel(ratings.users().copy(), ratings.items().copy(), k, result.mean,
                    result.userBias, result.itemBias, result.userFactors, result.itemFactors, scale,
                    params.toMap(), metadata, RatedItems.of(ratings), PopularityModel.fit(ratings).ranking(),
                    implicit ? new ImplicitFactors(externalImplicit(chosen, strata), implicitSets) : null);
            return new TrainingResult(model, trainRmse.size(), bestEpoch,
                    trainRmse.stream().mapToDouble(Double::doubleValue).toArray(),
                    validationRmse.stream().mapToDouble(Double::doubleValue).toArray(),
                    trainSize, seconds);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** One pass over all strata; returns the sum of squared errors seen before each update. */
    private double runEpoch(Strata strata, Parameters p, float rate, ExecutorService pool) {
        int t = strata.blocks;
        double squaredError = 0;
        for (int round = 0; round < t; round++) {
            if (pool == null) {
                squaredError += updateStratum(strata.stratum(0, 0), p, rate);
                continue;
            }
            List<Callable<Double>> tasks = new ArrayList<>(t);
            for (int thread = 0; thread < t; thread++) {
                Stratum s = strata.stratum(thread, (thread + round) % t);
                tasks.add(() -> updateStratum(s, p, rate));
            }
            try {
                for (Future<Double> f : pool.invokeAll(tasks)) {
                    squaredError += f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("training interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("training failed", e.getCause());
            }
        }
        return squaredError;
    }

    /** The SGD inner loop over one stratum. */
    private double updateStratum(Stratum s, Parameters p, float rate) {
        final int k = p.factors;
        final float mean = p.mean;
        final float reg = (float) params.regularization();
        final float biasReg = (float) params.biasRegularization();
        final float[] bu = p.userBias;
        final float[] bi = p.itemBias;
        final float[][] userRows = p.userRows;
        final float[][] itemRows = p.itemRows;
        final float decay = 1f - rate * reg;
        double squaredError = 0;
        for (int j = 0; j < s.size; j++) {
            int u = s.users[j];
            int i = s.items[j];
            float[] pu = userRows[u];
            float[] qi = itemRows[i];
            float err = s.values[j] - (mean + bu[u] + bi[i] + SvdModel.dot(pu, 0, qi, 0, k));
            squaredError += (double) err * err;
            bu[u] += rate * (err - biasReg * bu[u]);
            bi[i] += rate * (err - biasReg * bi[i]);
            update(pu, qi, rate * err, decay, k);
        }
        return squaredError;
    }

    /**
     * {@code p ← decay·p + re·q} and {@code q ← decay·q + re·p} (both from the old values). One row
     * array per user and per item, indexed alike, so C2 vectorises the loop; with offsets into one
     * flat array it could not rule out overlap and would stay scalar.
     */
    private static void update(float[] p, float[] q, float re, float decay, int k) {
        for (int f = 0; f < k; f++) {
            float pf = p[f];
            float qf = q[f];
            p[f] = decay * pf + re * qf;
            q[f] = decay * qf + re * pf;
        }
    }

    /** The SVD++ epochs over the training rows (one stratum) grouped by user, with the sets in internal numbering. */
    private static SvdppEpochs svdppEpochs(Strata strata, ImplicitItems sets, int k) {
        int nUsers = strata.userInternal.length;
        int[] setOffsets = new int[nUsers + 1];
        for (int u = 0; u < nUsers; u++) {
            setOffsets[strata.userInternal[u] + 1] = sets.count(u);
        }
        for (int u = 0; u < nUsers; u++) {
            setOffsets[u + 1] += setOffsets[u];
        }
        int[] setItems = new int[sets.size()];
        for (int u = 0; u < nUsers; u++) {
            int at = setOffsets[strata.userInternal[u]];
            for (int j = sets.offsets()[u]; j < sets.offsets()[u + 1]; j++) {
                setItems[at++] = strata.itemInternal[sets.items()[j]];
            }
        }
        Stratum rows = strata.stratum(0, 0);
        return SvdppEpochs.group(rows.users, rows.items, rows.values, rows.size, nUsers, setOffsets, setItems, k);
    }

    /** The user rows predictions use: the factors themselves, or SVD++'s effective vectors (internal numbering). */
    private static float[][] effectiveRows(Parameters p, SvdppEpochs svdpp, Strata strata) {
        if (svdpp == null) {
            return p.userRows;
        }
        boolean[] trained = new boolean[p.userRows.length];
        for (int u = 0; u < trained.length; u++) {
            trained[strata.userInternal[u]] = strata.userCounts[u] > 0;
        }
        return svdpp.effectiveRows(p.userRows, p.implicitRows, trained);
    }

    private double rmse(Stratum rows, Parameters p, float[][] userRows) {
        double se = 0;
        for (int j = 0; j < rows.size; j++) {
            int u = rows.users[j];
            int i = rows.items[j];
            double prediction = scale.clip(p.mean + p.userBias[u] + p.itemBias[i]
                    + SvdModel.dot(userRows[u], 0, p.itemRows[i], 0, p.factors));
            double e = rows.values[j] - prediction;
            se += e * e;
        }
        return Math.sqrt(se / rows.size);
    }

    /** Rows {@code order[from..to)} in the strata's internal numbering. */
    private static Stratum internalRows(Ratings ratings, int[] order, int from, int to, Strata strata) {
        int size = to - from;
        Stratum rows = new Stratum(new int[size], new int[size], new float[size], size);
        for (int j = 0; j < size; j++) {
            int r = order[from + j];
            rows.users[j] = strata.userInternal[ratings.user(r)];
            rows.items[j] = strata.itemInternal[ratings.item(r)];
            rows.values[j] = ratings.value(r);
        }
        return rows;
    }

    /**
     * The parameters in external numbering, with {@code userRows} as the user factors. Users and items
     * without training ratings get zero biases and factors, so they predict from the means; in SVD++ a
     * user without ratings keeps the implicit part of {@code userRows} (zero for an empty set).
     */
    private static Flat external(Parameters p, float[][] userRows, Strata strata) {
        int k = p.factors;
        int nUsers = strata.userInternal.length;
        int nItems = strata.itemInternal.length;
        float[] userBias = new float[nUsers];
        float[] userFactors = new float[nUsers * k];
        for (int u = 0; u < nUsers; u++) {
            int internal = strata.userInternal[u];
            if (strata.userCounts[u] > 0) {
                userBias[u] = p.userBias[internal];
            }
            if (strata.userCounts[u] > 0 || p.implicitRows != null) {
                System.arraycopy(userRows[internal], 0, userFactors, u * k, k);
            }
        }
        float[] itemBias = new float[nItems];
        float[] itemFactors = new float[nItems * k];
        for (int i = 0; i < nItems; i++) {
            if (strata.itemCounts[i] > 0) {
                int internal = strata.itemInternal[i];
                itemBias[i] = p.itemBias[internal];
                System.arraycopy(p.itemRows[internal], 0, itemFactors, i * k, k);
            }
        }
        if ((long) nUsers * k > Integer.MAX_VALUE - 8 || (long) nItems * k > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("factor matrix too large for one array");
        }
        return new Flat(p.mean, userBias, itemBias, userFactors, itemFactors);
    }

    /** The implicit factors {@code y} in external numbering, row-major. */
    private static float[] externalImplicit(Parameters p, Strata strata) {
        int k = p.factors;
        int nItems = strata.itemInternal.length;
        float[] y = new float[nItems * k];
        for (int i = 0; i < nItems; i++) {
            System.arraycopy(p.implicitRows[strata.itemInternal[i]], 0, y, i * k, k);
        }
        return y;
    }

    /** The trained parameters in the model's flat, external-numbered layout. */
    private record Flat(float mean, float[] userBias, float[] itemBias, float[] userFactors, float[] itemFactors) {
    }

    private static float[][] gaussianRows(int rows, int k, double std, SplittableRandom random) {
        float[][] a = new float[rows][k];
        for (float[] row : a) {
            for (int f = 0; f < k; f++) {
                row[f] = (float) (Randoms.gaussian(random) * std);
            }
        }
        return a;
    }

    private static float[][] copyRows(float[][] rows) {
        float[][] copy = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            copy[r] = rows[r].clone();
        }
        return copy;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return r -> {
            Thread thread = new Thread(r, "sgd-worker");
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The mutable parameters during training. */
    private static final class Parameters {
        final float mean;
        final float[] userBias;
        final float[] itemBias;
        final float[][] userRows;
        final float[][] itemRows;
        /** SVD++'s implicit item factors {@code y}; null for the explicit model. */
        final float[][] implicitRows;
        final int factors;

        Parameters(float mean, float[] userBias, float[] itemBias, float[][] userRows, float[][] itemRows,
                   float[][] implicitRows, int factors) {
            this.mean = mean;
            this.userBias = userBias;
            this.itemBias = itemBias;
            this.userRows = userRows;
            this.itemRows = itemRows;
            this.implicitRows = implicitRows;
            this.factors = factors;
        }

        Parameters copy() {
            return new Parameters(mean, userBias.clone(), itemBias.clone(), copyRows(userRows), copyRows(itemRows),
                    implicitRows == null ? null : copyRows(implicitRows), factors);
        }
    }

    /** The training rows of one (user block, item block) pair, in columns, in shuffled order. */
    private record Stratum(int[] users, int[] items, float[] values, int size) {
    }

    /**
     * The T×T strata of the training rows, in internal numbering: users (and items) are renumbered
     * so that each block's members are contiguous, which keeps threads off each other's cache lines.
     */
    private static final class Strata {
        final int blocks;
        final Stratum[] strata;
        /** internal number of each external user / item index */
        final int[] userInternal;
        final int[] itemInternal;
        /** training ratings per external user / item index */
        final int[] userCounts;
        final int[] itemCounts;

        private Strata(int blocks, Stratum[] strata, int[] userInternal, int[] itemInternal, int[] userCounts, int[] itemCounts) {
            this.blocks = blocks;
            this.strata = strata;
            this.userInternal = userInternal;
            this.itemInternal = itemInternal;
            this.userCounts = userCounts;
            this.itemCounts = itemCounts;
        }

        Stratum stratum(int userBlock, int itemBlock) {
            return strata[userBlock * blocks + itemBlock];
        }

        /** Rows {@code order[0..trainSize)} (already shuffled) dealt into strata, keeping their order. */
        static Strata build(Ratings ratings, int[] order, int trainSize, int blocks, int nUsers, int nItems,
                            SplittableRandom random) {
            int[] userInternal = Randoms.permutation(nUsers, random);
            int[] itemInternal = Randoms.permutation(nItems, random);
            int[] sizes = new int[blocks * blocks];
            int[] userCounts = new int[nUsers];
            int[] itemCounts = new int[nItems];
            for (int j = 0; j < trainSize; j++) {
                int r = order[j];
                int u = ratings.user(r);
                int i = ratings.item(r);
                userCounts[u]++;
                itemCounts[i]++;
                sizes[blockOf(userInternal[u], nUsers, blocks) * blocks + blockOf(itemInternal[i], nItems, blocks)]++;
            }
            Stratum[] strata = new Stratum[blocks * blocks];
            for (int b = 0; b < strata.length; b++) {
                strata[b] = new Stratum(new int[sizes[b]], new int[sizes[b]], new float[sizes[b]], sizes[b]);
            }
            int[] fill = new int[blocks * blocks];
            for (int j = 0; j < trainSize; j++) {
                int r = order[j];
                int u = userInternal[ratings.user(r)];
                int i = itemInternal[ratings.item(r)];
                int b = blockOf(u, nUsers, blocks) * blocks + blockOf(i, nItems, blocks);
                int at = fill[b]++;
                strata[b].users[at] = u;
                strata[b].items[at] = i;
                strata[b].values[at] = ratings.value(r);
            }
            return new Strata(blocks, strata, userInternal, itemInternal, userCounts, itemCounts);
        }

        /** Internal numbers are cut into {@code blocks} contiguous ranges of (almost) equal size. */
        private static int blockOf(int internal, int n, int blocks) {
            return (int) ((long) internal * blocks / n);
        }
    }
}
