package org.movierec.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.core.generate.GeneratedData;
import org.movierec.core.generate.GeneratorConfig;
import org.movierec.core.generate.SyntheticDataGenerator;
import org.movierec.core.metrics.ErrorMetrics;
import org.movierec.core.model.ModelFile;
import org.movierec.core.model.SvdModel;
import org.movierec.core.recommend.Recommender;
import org.movierec.core.split.Split;
import org.movierec.core.split.Splits;
import org.movierec.retrain.RunLayout;
import org.movierec.retrain.params.RetrainParams;
import org.movierec.retrain.split.SplitStage;
import org.movierec.retrain.train.SparkEngine;
import org.movierec.retrain.train.TrainStage;
import org.movierec.testkit.FreePorts;
import org.movierec.testkit.ServiceProcess;

/**
 * The retrain pipeline's train stage with {@code train.engine: spark}, as the pipeline runs it: it launches the
 * packaged engine ({@code target/recsys-spark.jar} and {@code target/lib}) as its own JVM on the split's files,
 * and the model file it leaves where the SGD engine writes it is the explicit model, read by the same reader as
 * every model. It runs the pipeline's default ALS parameters (regParam 0.08, chosen on 1M ratings), which on
 * data this small are 0.01–0.015 above SGD's biased MF (recsys-spark/README.md); the 0.01 parity at a regParam
 * fit for the data is SparkAlsTrainerTest's, here the bound is 0.02: the model learned what SGD's learned.
 *
 * <p>The model file then serves through the inference service itself (its fast-jar in a child JVM, standalone on
 * the file as {@code MODEL_FILE}, as bench/serving.sh runs it): the service the platform deploys reads what the
 * Spark engine wrote. The reactor builds inference-service before this module ({@code ./mvnw verify}); run alone,
 * build it first ({@code ./mvnw -pl inference-service -am package -DskipTests}).
 */
class SparkEngineIT {

    @Test
    void theTrainStageRunsThePackagedEngineAndItsModelFileServes(@TempDir Path dir) throws Exception {
        GeneratedData data = SyntheticDataGenerator.generate(GeneratorConfig.of(400, 500, 60_000, 23));
        Split split = SplitStage.read(written(Splits.random(data.ratings(), 0.1, 42), dir), data.config().scale());
        RetrainParams params = RetrainParams.ofDefaults().with("train.engine", "spark");
        SparkEngine.Launch launch = new SparkEngine.Launch(Path.of("target"), "local[2]", List.of("-Xmx1g"), "spark-submit");

        SvdModel trained = TrainStage.trainAndWrite(new RunLayout(dir), split, List.of(), params, launch);

        SvdModel read = ModelFile.read(dir.resolve(RunLayout.MODEL));
        assertThat(ModelFile.formatVersionOf(read)).isEqualTo(ModelFile.EXPLICIT_FORMAT_VERSION);
        assertThat(read.hyperparameters()).containsEntry("algorithm", AlsParams.ALGORITHM).containsEntry("factors", "64");
        assertThat(read.metadata()).containsEntry("sparkMaster", "local[2]");
        assertThat(trained.users().size()).isEqualTo(split.train().users().size());
        double sgd = ErrorMetrics.rmse(TrainStage.train(split, List.of(),
                params.with("train.algorithm", "sgd-biased-mf")), split.test());
        assertThat(ErrorMetrics.rmse(read, split.test())).isCloseTo(sgd, within(0.02));
        String user = split.train().users().idAt(0);
        assertThat(new Recommender(read).forUser(user, 10).items().size()).isEqualTo(10);
        assertServedByInference(dir.resolve(RunLayout.MODEL), read, user);
    }

    /** The inference service, standalone on the model file, answers a known user with the model's own list. */
    private static void assertServedByInference(Path modelFile, SvdModel model, String user) {
        Path jar = Path.of("../inference-service/target/quarkus-app/quarkus-run.jar").toAbsolutePath().normalize();
        try (ServiceProcess inference = ServiceProcess.builder("inference-service", jar, FreePorts.find())
                .env("MODEL_FILE", modelFile.toAbsolutePath().toString())
                .env("INFERENCE_ADMIN_TOKEN", "spark-engine-it")
                .env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + FreePorts.find())
                .env("MONGODB_URI", "mongodb://127.0.0.1:" + FreePorts.find())
                .jvmOption("-Xmx256m")
                .log(Path.of("target/spark-engine-it-inference.log"))
                .build()
                .start()) {
            inference.awaitHttp("/q/health/ready", 200, Duration.ofMinutes(2));
            String served = inference.get("/recommend/" + user).strip();
            assertThat(served.split(",")).hasSize(20);
            assertThat(served).isEqualTo(new Recommender(model).forUser(user, 20).toLine(model.items()));
        }
    }

    private static RunLayout written(Split split, Path dir) throws Exception {
        RunLayout layout = new RunLayout(dir);
        SplitStage.write(split, layout);
        return layout;
    }
}
