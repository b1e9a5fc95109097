package org.movierec.spark;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.movierec.core.data.RatingScale;
import org.movierec.core.data.Ratings;
import org.movierec.core.model.RatedItems;
import org.movierec.core.model.SvdModel;
import org.movierec.core.popularity.PopularityModel;

/**
 * Trains the platform's explicit model {@code r̂ = μ + b_u + b_i + p_u·q_i} on Spark: the biases first
 * ({@link Biases}), then Spark MLlib's ALS (explicit, Zhou et al. 2008; Spark's {@code ALS} with
 * {@code implicitPrefs=false}) on the residuals {@code r − μ − b_u − b_i}. The sum of the two is the SGD engine's
 * biased-MF model family, so it is written as the same {@link SvdModel} (model file format v1) and the
 * registry, inference and evaluation take it as they take the SGD engine's.
 *
 * <p>Like the SGD trainer, the model records each user's rated movies and the movies' popularity ranking, and a
 * user or movie of the id index without training ratings has zero bias and factors.
 */
public final class SparkAlsTrainer {

    private final SparkSession spark;
    private final AlsParams params;
    private final RatingScale scale;

    public SparkAlsTrainer(SparkSession spark, AlsParams params, RatingScale scale) {
        this.spark = spark;
        this.params = params;
        this.scale = scale;
    }

    /** Trains on every rating of {@code ratings}. */
    public SvdModel train(Ratings ratings) {
        if (ratings.size() == 0) {
            throw new IllegalArgumentException("cannot train on zero ratings");
        }
        long start = System.nanoTime();
        int partitions = spark.sparkContext().defaultParallelism();
        Dataset<Row> table = RatingsTable.of(spark, ratings, partitions);
        try {
            Biases biases = Biases.fit(table, params.biasShrinkage(), params.biasPasses());
            long biasesDone = System.nanoTime();
            ALSModel als = new ALS()
                    .setRank(params.rank())
                    .setMaxIter(params.iterations())
                    .setRegParam(params.regularization())
                    .setImplicitPrefs(false)
                    .setNonnegative(false)
                    .setSeed(params.seed())
                    .setNumUserBlocks(partitions)
                    .setNumItemBlocks(partitions)
                    .setUserCol("user")
                    .setItemCol("item")
                    .setRatingCol("residual")
                    .fit(biases.residuals(table));
            int nUsers = ratings.users().size();
            int nItems = ratings.items().size();
            int k = params.rank();
            float[] userBias = biasArray(biases.userBiases(), nUsers);
            float[] itemBias = biasArray(biases.itemBiases(), nItems);
            float[] userFactors = factorArray(als.userFactors(), nUsers, k);
            float[] itemFactors = factorArray(als.itemFactors(), nItems, k);
            long end = System.nanoTime();
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("trainRatings", Integer.toString(ratings.size()));
            metadata.put("engine", "spark " + spark.version());
            metadata.put("sparkMaster", spark.sparkContext().master());
            metadata.put("biasSeconds", seconds(biasesDone - start));
            metadata.put("trainSeconds", seconds(end - start));
            return new SvdModel(ratings.users().copy(), ratings.items().copy(), k, (float) biases.mean(),
                    userBias, itemBias, userFactors, itemFactors, scale, params.toMap(), metadata,
                    RatedItems.of(ratings), PopularityModel.fit(ratings).ranking());
        } finally {
            table.unpersist();
        }
    }

    private static float[] biasArray(Dataset<Row> biases, int size) {
        float[] out = new float[size];
        for (Iterator<Row> it = biases.toLocalIterator(); it.hasNext(); ) {
            Row row = it.next();
            out[row.getInt(0)] = (float) row.getDouble(1);
        }
        return out;
    }

    private static float[] factorArray(Dataset<Row> factors, int size, int k) {
        float[] out = new float[size * k];
        for (Iterator<Row> it = factors.toLocalIterator(); it.hasNext(); ) {
            Row row = it.next();
            int offset = row.getInt(0) * k;
            List<Float> features = row.getList(1);
            for (int f = 0; f < k; f++) {
                out[offset + f] = features.get(f);
            }
        }
        return out;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }
}
