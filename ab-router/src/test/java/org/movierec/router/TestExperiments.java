package org.movierec.router;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.movierec.router.experiments.AnalysisPlan;
import org.movierec.router.experiments.ArmSpec;
import org.movierec.router.experiments.Experiment;
import org.movierec.router.experiments.ExperimentType;

/** Experiments for the unit tests. */
public final class TestExperiments {

    private TestExperiments() {
    }

    /** A running A/B experiment with {@code arms}, salt {@code salt}, created at {@code createdAt}. */
    public static Experiment running(String salt, List<ArmSpec> arms, Map<String, String> overrides, Instant createdAt) {
        return Experiment.created("exp-test", "test", ExperimentType.AB, salt, arms, overrides, createdAt, "test",
                createdAt, AnalysisPlan.AB_DEFAULT, null);
    }
}
