package org.movierec.retrain.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.movierec.core.data.ImplicitFeedback;
import org.movierec.core.model.ModelFile;
import org.movierec.core.model.SvdModel;
import org.movierec.core.split.Split;
import org.movierec.core.train.EpochListener;
import org.movierec.core.train.SgdTrainer;
import org.movierec.core.train.TrainingParams;
import org.movierec.retrain.RunLayout;
import org.movierec.retrain.params.RetrainParams;
import org.movierec.retrain.params.TrainEngine;
import org.movierec.retrain.snapshot.Watch;

/**
 * Stage 3, train: SGD matrix factorisation ({@link SgdTrainer}) on the training part of the split,
 * hyperparameters from {@code train.*} in {@code params.yaml}; output {@link RunLayout#MODEL}.
 *
 * <p>{@code train.algorithm} chooses the model: {@value TrainingParams#SVDPP} (the default) learns from what users
 * watch as well as what they rate: each user's implicit set is their rated movies plus the snapshot's watches
 * ({@link WatchedPairs}), so users who never rate get a personal vector. {@value TrainingParams#BIASED_MF} is the
 * explicit model of earlier builds, trained on the ratings alone.
 *
 * <p>{@code train.engine} chooses what trains it ({@link #trainAndWrite}): {@code sgd} (the default) is the above,
 * in this JVM; {@code spark} runs the {@link SparkEngine} in its own process on the split's files, which trains
 * the explicit biased model with Spark MLlib's ALS (it ignores {@code train.algorithm} and the watches) and writes
 * the same model file.
 */
public final class TrainStage {

    private TrainStage() {
    }

    /** Trains on the training part of {@code split}, an SVD++ model with {@code watches} in the implicit sets. */
    public static SvdModel train(Split split, List<Watch> watches, RetrainParams params) {
        TrainingParams training = params.training();
        ImplicitFeedback watched = training.implicit() ? WatchedPairs.of(split, watches) : ImplicitFeedback.none();
        return new SgdTrainer(training, params.scale(), EpochListener.NONE).train(split.train(), watched).model();
    }

    /**
     * Trains with the engine {@code train.engine} names and writes {@link RunLayout#MODEL}; the Spark engine reads
     * the split's files under {@code layout} (the split stage wrote them), the SGD engine {@code split} itself.
     */
    public static SvdModel trainAndWrite(RunLayout layout, Split split, List<Watch> watches, RetrainParams params,
                                         SparkEngine.Launch spark) throws IOException, InterruptedException {
        if (params.engine() == TrainEngine.SPARK) {
            SparkEngine.train(layout, params, spark);
            return read(layout);
        }
        SvdModel model = train(split, watches, params);
        write(model, layout);
        return model;
    }

    /** Writes the model file. */
    public static void write(SvdModel model, RunLayout layout) throws IOException {
        Path file = layout.path(RunLayout.MODEL);
        Files.createDirectories(file.getParent());
        ModelFile.write(model, file);
    }

    /** Reads the model file. */
    public static SvdModel read(RunLayout layout) throws IOException {
        return ModelFile.read(layout.path(RunLayout.MODEL));
    }
}
