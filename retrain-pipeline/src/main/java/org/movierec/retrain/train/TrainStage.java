package org.movierec.retrain.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.movierec.core.data.Ratings;
import org.movierec.core.model.ModelFile;
import org.movierec.core.model.SvdModel;
import org.movierec.core.train.EpochListener;
import org.movierec.core.train.SgdTrainer;
import org.movierec.retrain.RunLayout;
import org.movierec.retrain.params.RetrainParams;

/**
 * Stage 3, train: SGD biased matrix factorisation ({@link SgdTrainer}) on the training part of the split,
 * hyperparameters from {@code train.*} in {@code params.yaml}; output {@link RunLayout#MODEL}.
 */
public final class TrainStage {

    private TrainStage() {
    }

    /** Trains on {@code train}. */
    public static SvdModel train(Ratings train, RetrainParams params) {
        return new SgdTrainer(params.training(), params.scale(), EpochListener.NONE).train(train).model();
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
