package org.movierec.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.SparkSession;
import org.movierec.core.data.RatingScale;
import org.movierec.core.data.Ratings;
import org.movierec.core.data.load.LoadOptions;
import org.movierec.core.data.load.RatingsFormat;
import org.movierec.core.data.load.RatingsLoader;
import org.movierec.core.ids.IdIndex;
import org.movierec.core.metrics.ErrorMetrics;
import org.movierec.core.model.ModelFile;
import org.movierec.core.model.SvdModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Spark engine as a program: reads a split's training ratings (MovieLens {@code u.data} format, what the
 * split stage writes), trains {@link SparkAlsTrainer} and writes the model file. The retrain pipeline's train
 * stage runs it as its own JVM ({@code java -cp recsys-spark.jar:lib/*}, master {@code local[*]}) or through
 * {@code spark-submit} on a cluster; without {@code --master} the master is spark-submit's.
 */
@Command(name = "spark-train", mixinStandardHelpOptions = true,
        description = "Trains the biased ALS model on Spark and writes a MovieRec model file.")
public final class SparkTrain implements Callable<Integer> {

    @Option(names = "--train", required = true, description = "Training ratings (u.data format: user, movie, rating, time; tab-separated).")
    Path train;

    @Option(names = "--model", required = true, description = "The model file to write.")
    Path model;

    @Option(names = "--test", description = "Held-out ratings to score the model on (same format); prints its RMSE as JSON.")
    Path test;

    @Option(names = "--master", description = "Spark master (local[*], k8s://..., spark://...); default: spark-submit's.")
    String master;

    @Option(names = "--rating-min", defaultValue = "1", description = "Lowest rating of the scale (default ${DEFAULT-VALUE}).")
    double ratingMin;

    @Option(names = "--rating-max", defaultValue = "5", description = "Highest rating of the scale (default ${DEFAULT-VALUE}).")
    double ratingMax;

    @Option(names = "--rank", required = true, description = "Factors per user and movie.")
    int rank;

    @Option(names = "--iterations", required = true, description = "ALS sweeps.")
    int iterations;

    @Option(names = "--reg", required = true, description = "ALS regParam (scaled by rating counts, ALS-WR).")
    double regularization;

    @Option(names = "--bias-shrinkage", required = true, description = "The biases' pseudo-count λ.")
    double biasShrinkage;

    @Option(names = "--bias-passes", required = true, description = "Alternating passes that fit the biases.")
    int biasPasses;

    @Option(names = "--seed", required = true, description = "ALS's initialisation seed.")
    long seed;

    @Override
    public Integer call() throws Exception {
        RatingScale scale = new RatingScale(ratingMin, ratingMax);
        AlsParams params = new AlsParams(rank, iterations, regularization, biasShrinkage, biasPasses, seed);
        RatingsLoader loader = new RatingsLoader(RatingsFormat.ML100K, LoadOptions.defaults().withScale(scale));
        IdIndex users = new IdIndex();
        IdIndex items = new IdIndex();
        Ratings ratings = loader.load(train, users, items).ratings();
        // the holdout shares the indices (its new ids after the training ones), as the split stage reads a split
        Ratings heldOut = test == null ? null : loader.load(test, users, items).ratings();
        SparkSession spark = session(master);
        try {
            SvdModel trained = new SparkAlsTrainer(spark, params, scale).train(ratings);
            if (model.getParent() != null) {
                Files.createDirectories(model.getParent());
            }
            ModelFile.write(trained, model);
            System.err.println("spark-train: " + trained + " -> " + model);
            if (heldOut != null) {
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("rmse", ErrorMetrics.rmse(trained, heldOut));
                report.put("train_seconds", Double.parseDouble(trained.metadata().get("trainSeconds")));
                report.put("train_ratings", ratings.size());
                report.put("test_ratings", heldOut.size());
                System.out.println(new ObjectMapper().writeValueAsString(report));
            }
        } finally {
            spark.stop();
        }
        return 0;
    }

    /**
     * A session for training: on {@code master} if given (else spark-submit's; a local one on loopback), no web
     * UI, and as many shuffle partitions as cores (the default 200 is for clusters; here it would be mostly
     * scheduling).
     */
    public static SparkSession session(String master) {
        SparkSession.Builder builder = SparkSession.builder().appName("movierec-train")
                .config("spark.ui.enabled", "false");
        if (master != null) {
            builder.master(master);
            if (master.startsWith("local")) {
                // one machine: the driver's ports listen on loopback only
                builder.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1");
            }
        }
        SparkSession spark = builder.getOrCreate();
        spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(spark.sparkContext().defaultParallelism()));
        return spark;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkTrain()).execute(args));
    }
}
