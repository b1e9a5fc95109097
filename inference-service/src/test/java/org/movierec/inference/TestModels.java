package org.movierec.inference;

import org.movierec.core.generate.GeneratedData;
import org.movierec.core.generate.GeneratorConfig;
import org.movierec.core.generate.SyntheticDataGenerator;
import org.movierec.core.model.SvdModel;
import org.movierec.core.train.SgdTrainer;
import org.movierec.core.train.TrainingParams;

/** Small trained models on generated data, for the service tests. */
final class TestModels {

    static final GeneratedData DATA = SyntheticDataGenerator.generate(GeneratorConfig.of(300, 400, 15_000, 21));

    private TestModels() {
    }

    /** A model trained with {@code seed}: different seeds give different (but equally good) models. */
    static SvdModel trained(long seed) {
        return new SgdTrainer(TrainingParams.defaults().withFactors(16).withMaxEpochs(15).withSeed(seed))
                .train(DATA.ratings()).model();
    }
}
