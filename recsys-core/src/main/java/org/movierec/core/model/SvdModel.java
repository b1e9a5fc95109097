package org.movierec.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.movierec.core.data.RatingScale;
import org.movierec.core.ids.IdIndex;

/**
 * A trained biased matrix-factorisation model: {@code r̂(u,i) = μ + b_u + b_i + p_u·q_i}, clipped to
 * the rating scale.
 *
 * <p>An SVD++ model (Koren 2008) has {@linkplain #implicitFactors() implicit factors} as well; its
 * {@link #userFactors()} are then each known user's <i>effective</i> vector
 * {@code p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j}, computed once by the trainer and stored in the model file, so
 * prediction and top-N scoring cost the same for both kinds of model.
 *
 * <p>Factors are float32, row-major: user {@code u}'s vector is
 * {@code userFactors[u*factors .. (u+1)*factors)}. The model is immutable by contract: the arrays are
 * handed over, not copied, and nobody writes to them after construction, so one instance serves any
 * number of threads. A user or item without training ratings has zero bias and zero factors, so its
 * prediction falls back to the means.
 */
public final class SvdModel {

    private final IdIndex users;
    private final IdIndex items;
    private final int factors;
    private final float globalMean;
    private final float[] userBias;
    private final float[] itemBias;
    private final float[] userFactors;
    private final float[] itemFactors;
    private final RatingScale scale;
    private final Map<String, String> hyperparameters;
    private final Map<String, String> metadata;
    private final RatedItems ratedItems;
    private final int[] popularItems;
    /** Null for an explicit-only model. */
    private final ImplicitFactors implicitFactors;

    public SvdModel(IdIndex users, IdIndex items, int factors, float globalMean,
                    float[] userBias, float[] itemBias, float[] userFactors, float[] itemFactors,
                    RatingScale scale, Map<String, String> hyperparameters, Map<String, String> metadata) {
        this(users, items, factors, globalMean, userBias, itemBias, userFactors, itemFactors, scale,
                hyperparameters, metadata, RatedItems.none(users.size()), new int[0]);
    }

    /**
     * A model with its training data summary: the items each user rated (never recommended again) and
     * the items by popularity, best first (the cold-start fallback; may be empty).
     */
    public SvdModel(IdIndex users, IdIndex items, int factors, float globalMean,
                    float[] userBias, float[] itemBias, float[] userFactors, float[] itemFactors,
                    RatingScale scale, Map<String, String> hyperparameters, Map<String, String> metadata,
                    RatedItems ratedItems, int[] popularItems) {
        this(users, items, factors, globalMean, userBias, itemBias, userFactors, itemFactors, scale,
                hyperparameters, metadata, ratedItems, popularItems, null);
    }

    /**
     * An SVD++ model: {@code userFactors} are the effective vectors (explicit part plus the normalised
     * implicit sum), {@code implicitFactors} the item factors {@code y} and implicit sets fold-in needs;
     * null makes an explicit-only model.
     */
    public SvdModel(IdIndex users, IdIndex items, int factors, float globalMean,
                    float[] userBias, float[] itemBias, float[] userFactors, float[] itemFactors,
                    RatingScale scale, Map<String, String> hyperparameters, Map<String, String> metadata,
                    RatedItems ratedItems, int[] popularItems, ImplicitFactors implicitFactors) {
        this.users = Objects.requireNonNull(users, "users");
        this.items = Objects.requireNonNull(items, "items");
        if (factors < 1) {
            throw new IllegalArgumentException("factors must be >= 1, got " + factors);
        }
        check("userBias", userBias.length, users.size());
        check("itemBias", itemBias.length, items.size());
        check("userFactors", userFactors.length, (long) users.size() * factors);
        check("itemFactors", itemFactors.length, (long) items.size() * factors);
        this.factors = factors;
        this.globalMean = globalMean;
        this.userBias = userBias;
        this.itemBias = itemBias;
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.scale = Objects.requireNonNull(scale, "scale");
        this.hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        if (ratedItems.users() != users.size()) {
            throw new IllegalArgumentException("rated items cover " + ratedItems.users() + " users, expected " + users.size());
        }
        for (int i : popularItems) {
            if (i < 0 || i >= items.size()) {
                throw new IllegalArgumentException("popular item index out of range: " + i);
            }
        }
        this.ratedItems = ratedItems;
        this.popularItems = popularItems;
        if (implicitFactors != null) {
            check("implicit item factors", implicitFactors.itemFactors().length, (long) items.size() * factors);
            if (implicitFactors.items().users() != users.size()) {
                throw new IllegalArgumentException("implicit items cover " + implicitFactors.items().users()
                        + " users, expected " + users.size());
            }
            for (int i : implicitFactors.items().items()) {
                if (i < 0 || i >= items.size()) {
                    throw new IllegalArgumentException("implicit item index out of range: " + i);
                }
            }
        }
        this.implicitFactors = implicitFactors;
    }

    private static void check(String name, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + " has length " + actual + ", expected " + expected);
        }
    }

    /** The clipped prediction for known indices. */
    public double predict(int user, int item) {
        return scale.clip(rawScore(user, item));
    }

    /**
     * The clipped prediction for external ids; an unknown user or item contributes no bias and no
     * factors (the popularity-free baseline of the means).
     */
    public double predict(String userId, String itemId) {
        int u = users.indexOf(userId);
        int i = items.indexOf(itemId);
        double score = globalMean;
        if (u >= 0) {
            score += userBias[u];
        }
        if (i >= 0) {
            score += itemBias[i];
        }
        if (u >= 0 && i >= 0) {
            score += dot(userFactors, u * factors, itemFactors, i * factors, factors);
        }
        return scale.clip(score);
    }

    /** The unclipped score {@code μ + b_u + b_i + p_u·q_i}; ranking uses it so ties at the scale's top stay ordered. */
    public double rawScore(int user, int item) {
        return globalMean + userBias[user] + itemBias[item]
                + dot(userFactors, user * factors, itemFactors, item * factors, factors);
    }

    /** {@code a[aOff..aOff+n) · b[bOff..bOff+n)}, with four accumulators so the JIT can pipeline it. */
    public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += a[aOff + k] * b[bOff + k];
            s1 += a[aOff + k + 1] * b[bOff + k + 1];
            s2 += a[aOff + k + 2] * b[bOff + k + 2];
            s3 += a[aOff + k + 3] * b[bOff + k + 3];
        }
        for (; k < n; k++) {
            s0 += a[aOff + k] * b[bOff + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    public IdIndex users() {
        return users;
    }

    public IdIndex items() {
        return items;
    }

    public int factors() {
        return factors;
    }

    public float globalMean() {
        return globalMean;
    }

    /** User biases by user index; do not modify. */
    public float[] userBias() {
        return userBias;
    }

    /** Item biases by item index; do not modify. */
    public float[] itemBias() {
        return itemBias;
    }

    /** User factors, row-major by user index; do not modify. */
    public float[] userFactors() {
        return userFactors;
    }

    /** Item factors, row-major by item index; do not modify. */
    public float[] itemFactors() {
        return itemFactors;
    }

    public RatingScale scale() {
        return scale;
    }

    /** The training hyperparameters, as written to the model file. */
    public Map<String, String> hyperparameters() {
        return hyperparameters;
    }

    /** Free training metadata (data hash, time, epochs run, validation RMSE, …). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The items each user rated in training; do not modify. */
    public RatedItems ratedItems() {
        return ratedItems;
    }

    /** Item indices by popularity, best first (empty when unknown); do not modify. */
    public int[] popularItems() {
        return popularItems;
    }

    /** The implicit factors and sets of an SVD++ model; empty for an explicit-only model. */
    public Optional<ImplicitFactors> implicitFactors() {
        return Optional.ofNullable(implicitFactors);
    }

    /** A model with {@code extra} added to its metadata (later keys win); the arrays are shared. */
    public SvdModel withMetadata(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(metadata);
        merged.putAll(extra);
        return new SvdModel(users, items, factors, globalMean, userBias, itemBias, userFactors, itemFactors,
                scale, hyperparameters, merged, ratedItems, popularItems, implicitFactors);
    }

    /** A model that also knows its training data's rated items and popularity ranking; the arrays are shared. */
    public SvdModel withTrainingData(RatedItems rated, int[] popular) {
        return new SvdModel(users, items, factors, globalMean, userBias, itemBias, userFactors, itemFactors,
                scale, hyperparameters, metadata, rated, popular, implicitFactors);
    }

    @Override
    public String toString() {
        return "SvdModel[" + users.size() + " users, " + items.size() + " items, " + factors + " factors"
                + (implicitFactors != null ? ", implicit" : "") + "]";
    }
}
