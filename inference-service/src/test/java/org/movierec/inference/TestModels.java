package org.movierec.inference;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    /** Trained once per seed and JVM: tests share the models (immutable), not the state built on them. */
    private static final Map<Long, SvdModel> TRAINED = new ConcurrentHashMap<>();

    /** A model trained with {@code seed}: different seeds give different (but equally good) models. */
    static SvdModel trained(long seed) {
        return TRAINED.computeIfAbsent(seed, s -> new SgdTrainer(TrainingParams.defaults().withFactors(16)
                .withMaxEpochs(15).withSeed(s)).train(DATA.ratings()).model());
    }
}
