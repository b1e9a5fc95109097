package org.movierec.retrain.params;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.movierec.core.data.RatingScale;
import org.movierec.core.train.TrainingParams;

/**
 * Every parameter of the pipeline, from {@code params.yaml} (dotted keys; a missing key takes the default
 * below, an unknown key is refused so that a typo never silently falls back to a default).
 * {@link #values()} holds every value by dotted key, defaults filled in (what {@code dvc.lock} records).
 */
public final class RetrainParams {

    /**
     * The {@code train.*} keys that are not SGD hyperparameters: the engine choice and the Spark engine's ALS
     * settings ({@code org.movierec.retrain.train.SparkEngine}). The Spark engine shares {@code train.factors},
     * {@code train.seed} and the rating scale with the SGD engine.
     */
    public static final Set<String> SPARK_ENGINE_KEYS = Set.of("train.engine",
            "train.alsIterations", "train.alsReg", "train.alsBiasShrinkage", "train.alsBiasPasses");

    private final Map<String, Object> values;

    /** The defaults, which are also the repository's {@code params.yaml}. */
    public static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("snapshot.rating_min", 1);
        d.put("snapshot.rating_max", 5);
        d.put("split.policy", "time");
        d.put("split.test_fraction", 0.1);
        d.put("split.last_n", 1);
        d.put("split.seed", 42);
        d.put("train.algorithm", "sgd-svdpp");
        d.put("train.factors", 64);
        d.put("train.epochs", 40);
        d.put("train.lr", 0.03);
        d.put("train.lrDecay", 0.92);
        d.put("train.reg", 0.08);
        d.put("train.biasReg", 0.02);
        d.put("train.initStd", 0.05);
        d.put("train.validationFraction", 0.02);
        d.put("train.patience", 3);
        d.put("train.seed", 42);
        d.put("train.threads", 2);
        d.put("train.implicitReg", 0.08);
        d.put("train.engine", "sgd");
        d.put("train.alsIterations", 10);
        d.put("train.alsReg", 0.08);
        d.put("train.alsBiasShrinkage", 5.0);
        d.put("train.alsBiasPasses", 3);
        d.put("evaluate.k", 10);
        d.put("evaluate.relevance_threshold", 4.0);
        d.put("promote.max_rmse_increase", 0.005);
        d.put("promote.max_ndcg_decrease", 0.01);
        d.put("fairness.k", 10);
        d.put("fairness.min_group_users", 20);
        d.put("fairness.long_tail_head_share", 0.8);
        d.put("fairness.max_rmse_disparity", 0.35);
        d.put("fairness.max_precision_disparity", 0.25);
        d.put("fairness.min_long_tail_share", 0.0);
        d.put("fairness.max_popularity_bias", 5.0);
        d.put("fairness.min_catalog_coverage", 0.01);
        d.put("fairness.max_gini", 0.999);
        return d;
    }

    /**
     * {@code given} over the defaults.
     *
     * @throws IllegalArgumentException for an unknown key or an invalid value
     */
    public RetrainParams(Map<String, Object> given) {
        Map<String, Object> merged = defaults();
        for (Map.Entry<String, Object> e : given.entrySet()) {
            if (!merged.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown parameter " + e.getKey() + " (known: "
                        + String.join(", ", defaults().keySet()) + ")");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " has no value");
            }
            merged.put(e.getKey(), e.getValue());
        }
        this.values = java.util.Collections.unmodifiableMap(merged);
        // validate now, not halfway through a run
        training();
        engine();
        scale();
        splitPolicy();
        testFraction();
    }

    /** Every value by dotted key, in the order of {@link #defaults()}. */
    public Map<String, Object> values() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetrainParams p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "RetrainParams" + values;
    }

    /** The defaults. */
    public static RetrainParams ofDefaults() {
        return new RetrainParams(Map.of());
    }

    /** Reads {@code params.yaml}. */
    public static RetrainParams load(Path file) throws IOException {
        return new RetrainParams(ParamsFile.load(file));
    }

    /** These parameters with {@code key} set to {@code value}. */
    public RetrainParams with(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.put(key, value);
        return new RetrainParams(m);
    }

    /** The values whose keys start with one of {@code sections} + ".", for a stage's {@code dvc.lock} entry. */
    public Map<String, Object> section(String... sections) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String s : sections) {
            values.forEach((k, v) -> {
                if (k.startsWith(s + ".")) {
                    m.put(k, v);
                }
            });
        }
        return m;
    }

    /**
     * The SGD engine's hyperparameters ({@code train.*} but {@link #SPARK_ENGINE_KEYS}, named as
     * {@link TrainingParams#fromMap} knows them).
     */
    public TrainingParams training() {
        Map<String, String> m = new TreeMap<>();
        section("train").forEach((k, v) -> {
            if (!SPARK_ENGINE_KEYS.contains(k)) {
                m.put(k.substring("train.".length()), String.valueOf(v));
            }
        });
        return TrainingParams.fromMap(m);
    }

    /** {@code train.engine}: which engine the train stage runs. */
    public TrainEngine engine() {
        return TrainEngine.parse(text("train.engine"));
    }

    public RatingScale scale() {
        return new RatingScale(number("snapshot.rating_min"), number("snapshot.rating_max"));
    }

    /** {@code time}, {@code last-per-user} or {@code random}. */
    public String splitPolicy() {
        String p = text("split.policy").toLowerCase(Locale.ROOT);
        if (!p.equals("time") && !p.equals("last-per-user") && !p.equals("random")) {
            throw new IllegalArgumentException("split.policy must be time, last-per-user or random, got " + p);
        }
        return p;
    }

    public double testFraction() {
        double f = number("split.test_fraction");
        if (!(f > 0 && f < 1)) {
            throw new IllegalArgumentException("split.test_fraction must be in (0,1), got " + f);
        }
        return f;
    }

    public double number(String key) {
        Object v = require(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + key + " is not a number: " + v);
        }
    }

    public int integer(String key) {
        double d = number(key);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parameter " + key + " is not a whole number: " + d);
        }
        return (int) d;
    }

    public String text(String key) {
        return require(key).toString();
    }

    private Object require(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("unknown parameter " + key);
        }
        return v;
    }
}
