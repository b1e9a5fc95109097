package org.movierec.retrain.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.core.model.SvdModel;
import org.movierec.retrain.RunLayout;
import org.movierec.retrain.dvc.DvcCache;
import org.movierec.retrain.dvc.Yaml12;
import org.movierec.retrain.params.RetrainParams;
import org.movierec.retrain.run.Provenance;
import org.movierec.retrain.run.Stage;
import org.movierec.retrain.split.SplitStage;

/** The train stage's engine choice: the default SGD engine, the Spark engine's launch, and what dvc.lock records. */
class SparkEngineTest {

    private static final RetrainParams SPARK = RetrainParams.ofDefaults().with("train.engine", "spark");

    @Test
    void theDefaultEngineIsSgdAndTrainsInProcess(@TempDir Path dir) throws Exception {
        RunLayout layout = runWithSplit(dir);
        SparkEngine.Launch nowhere = new SparkEngine.Launch(dir.resolve("no-engine"), "local[*]", List.of(), "spark-submit");

        SvdModel model = TrainStage.trainAndWrite(layout, WatchedPairsTest.split(), List.of(),
                RetrainParams.ofDefaults().with("train.epochs", 2), nowhere);

        assertThat(model.hyperparameters()).containsEntry("algorithm", "sgd-svdpp");
        assertThat(TrainStage.read(layout).users().size()).isEqualTo(model.users().size());
    }

    @Test
    void choosingSparkWithoutTheEngineInstalledSaysWhatIsMissingAndHowToBuildIt(@TempDir Path dir) throws Exception {
        RunLayout layout = runWithSplit(dir);
        SparkEngine.Launch missing = new SparkEngine.Launch(dir.resolve("no-engine"), "local[*]", List.of(), "spark-submit");

        assertThatThrownBy(() -> TrainStage.trainAndWrite(layout, WatchedPairsTest.split(), List.of(), SPARK, missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("train.engine is spark, but the Spark engine is not installed")
                .hasMessageContaining(dir.resolve("no-engine").resolve("recsys-spark.jar").toString())
                .hasMessageContaining("RETRAIN_SPARK_ENGINE_DIR");
        assertThat(layout.path(RunLayout.MODEL)).doesNotExist();
    }

    @Test
    void anEngineWithoutItsJavaOptionsIsRefusedWithTheFileNamed(@TempDir Path dir) throws Exception {
        RunLayout layout = runWithSplit(dir);
        Path engine = Files.createDirectories(dir.resolve("engine"));
        Files.writeString(engine.resolve(SparkEngine.ENGINE_JAR), "not run");
        SparkEngine.Launch launch = new SparkEngine.Launch(engine, "local[*]", List.of(), "spark-submit");

        assertThatThrownBy(() -> TrainStage.trainAndWrite(layout, WatchedPairsTest.split(), List.of(), SPARK, launch))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no java-options");
    }

    @Test
    void unknownEnginesAreRefusedWhenTheParametersAreRead() {
        assertThatThrownBy(() -> RetrainParams.ofDefaults().with("train.engine", "flink"))
                .hasMessageContaining("train.engine must be sgd or spark, got flink");
    }

    @Test
    void theEngineGetsTheSplitsTrainingFileTheModelPathAndItsParameters(@TempDir Path dir) {
        RunLayout layout = new RunLayout(dir);

        List<String> args = SparkEngine.arguments(layout, SPARK.with("train.factors", 32).with("train.alsReg", 0.2));

        assertThat(String.join(" ", args)).isEqualTo("--train " + dir.resolve("data/split/train.tsv")
                + " --model " + dir.resolve("model/model.bin")
                + " --rating-min 1.0 --rating-max 5.0 --rank 32 --iterations 10 --reg 0.2 --bias-shrinkage 5.0"
                + " --bias-passes 3 --seed 42");
    }

    @Test
    void theDvcLockRecordsTheEngineThatTrainedTheModel(@TempDir Path dir) throws Exception {
        assertThat(lockedTrainParams(dir.resolve("sgd"), RetrainParams.ofDefaults())).containsEntry("train.engine", "sgd");
        Map<String, Object> spark = lockedTrainParams(dir.resolve("spark"), SPARK);
        assertThat(spark).containsEntry("train.engine", "spark").containsEntry("train.alsReg", 0.08)
                .containsEntry("train.factors", 64);
    }

    /** The {@code params.yaml} values dvc.lock records for a train stage run with {@code params}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> lockedTrainParams(Path dir, RetrainParams params) throws Exception {
        RunLayout layout = runWithSplit(dir);
        Files.createDirectories(layout.path(RunLayout.SNAPSHOT));
        Files.writeString(layout.path(RunLayout.SNAPSHOT).resolve("ratings.tsv"), "1\ta\t5\t10\n");
        TrainStage.write(TrainStage.train(WatchedPairsTest.split(), List.of(), RetrainParams.ofDefaults()
                .with("train.epochs", 1)), layout);
        new Provenance(layout, new DvcCache(dir.resolve("cache")), params).record(Stage.TRAIN);

        Map<String, Object> lock = Yaml12.loader().load(Files.readString(layout.path(RunLayout.DVC_LOCK)));
        Map<String, Object> train = (Map<String, Object>) ((Map<String, Object>) lock.get("stages")).get("train");
        return (Map<String, Object>) ((Map<String, Object>) train.get("params")).get(RunLayout.PARAMS);
    }

    private static RunLayout runWithSplit(Path dir) throws Exception {
        RunLayout layout = new RunLayout(dir);
        SplitStage.write(WatchedPairsTest.split(), layout);
        return layout;
    }
}
