package org.movierec.retrain.params;

import java.util.Locale;

/**
 * {@code train.engine} in {@code params.yaml}: what trains the candidate model.
 * <ul>
 *   <li>{@link #SGD} (the default): recsys-core's SGD trainer in the pipeline's own JVM, the model
 *       {@code train.algorithm} names (SVD++ by default).</li>
 *   <li>{@link #SPARK}: the recsys-spark engine in its own JVM or on a Spark cluster: biases, then Spark MLlib's
 *       explicit ALS on the residuals (the explicit biased model, model file format v1); see
 *       {@code recsys-spark/README.md} for why not SVD++ or implicit ALS.</li>
 * </ul>
 */
public enum TrainEngine {
    SGD,
    SPARK;

    /** {@code sgd} or {@code spark}. */
    public static TrainEngine parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "sgd" -> SGD;
            case "spark" -> SPARK;
            default -> throw new IllegalArgumentException("train.engine must be sgd or spark, got " + name);
        };
    }

    /** The name in {@code params.yaml}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
