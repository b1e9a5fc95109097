package org.movierec.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The baseline {@code μ + b_u + b_i} of a ratings table ({@code user}, {@code item}, {@code rating}), fitted in
 * Spark before ALS so the factors model only what the biases leave (Koren 2010, "Factor in the neighbors", §2.1).
 *
 * <p>{@code μ} is the mean rating. The biases minimise
 * {@code Σ (r − μ − b_u − b_i)² + λ (Σ b_u² + Σ b_i²)} by block coordinate descent: with the movie biases fixed,
 * each user's optimum is {@code b_u = Σ_i (r − μ − b_i) / (λ + n_u)}; then each movie's
 * {@code b_i = Σ_u (r − μ − b_u) / (λ + n_i)}. Each pass lowers the objective; a few passes settle it on
 * rating data (the coupling between users and movies is weak), and the ALS that follows absorbs what is left.
 *
 * @param mean       {@code μ}
 * @param userBiases {@code user, userBias}
 * @param itemBiases {@code item, itemBias}
 */
public record Biases(double mean, Dataset<Row> userBiases, Dataset<Row> itemBiases) {

    /** Fits the biases of {@code ratings} with shrinkage {@code lambda} in {@code passes} passes. */
    public static Biases fit(Dataset<Row> ratings, double lambda, int passes) {
        double mean = ratings.agg(avg("rating")).first().getDouble(0);
        Dataset<Row> itemBiases = null;
        Dataset<Row> userBiases = null;
        for (int pass = 0; pass < passes; pass++) {
            // every user and movie of the table has a bias after its first solve, so the joins are inner
            Dataset<Row> withItem = itemBiases == null ? ratings.withColumn("itemBias", lit(0.0))
                    : ratings.join(itemBiases, "item");
            userBiases = solve(withItem, "user", col("rating").minus(mean).minus(col("itemBias")), lambda, "userBias");
            itemBiases = solve(ratings.join(userBiases, "user"), "item",
                    col("rating").minus(mean).minus(col("userBias")), lambda, "itemBias");
        }
        return new Biases(mean, userBiases, itemBiases);
    }

    /** {@code Σ residual / (λ + n)} per {@code key}, materialised (each pass would otherwise recompute the last). */
    private static Dataset<Row> solve(Dataset<Row> rows, String key, Column residual, double lambda, String name) {
        return rows.groupBy(key)
                .agg(sum(residual).divide(count(lit(1)).plus(lambda)).as(name))
                .localCheckpoint();
    }

    /** {@code ratings} with the column {@code residual = r − μ − b_u − b_i}. */
    public Dataset<Row> residuals(Dataset<Row> ratings) {
        return ratings.join(userBiases, "user").join(itemBiases, "item")
                .withColumn("residual", col("rating").minus(mean).minus(col("userBias")).minus(col("itemBias")));
    }
}
