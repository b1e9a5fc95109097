package org.movierec.telemetry.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.movierec.contracts.experiments.ExperimentArm;

/** How an experiment document's {@code arms} are read: found in stored order, or malformed with what is wrong. */
class ExperimentArmsTest {

    @Test
    void armsAreFoundInStoredOrder() {
        Document d = new Document("arms", List.of(new ExperimentArm("control", "v1", 90).toDocument(),
                new ExperimentArm("canary", "v2", 10).toDocument()));

        assertThat(ExperimentArms.arms(d)).isEqualTo(new ExperimentArms.Lookup.Found(
                List.of(new ExperimentArm("control", "v1", 90), new ExperimentArm("canary", "v2", 10))));
    }

    @Test
    void aDocumentWithoutUsableArmsIsMalformedAndSaysWhy() {
        assertThat(ExperimentArms.arms(new Document())).isEqualTo(new ExperimentArms.Lookup.Skipped(
                ExperimentArms.MALFORMED_EXPERIMENT, "'arms' is not a non-empty array"));
        assertThat(ExperimentArms.arms(new Document("arms", List.of()))).isEqualTo(new ExperimentArms.Lookup.Skipped(
                ExperimentArms.MALFORMED_EXPERIMENT, "'arms' is not a non-empty array"));
        assertThat(ExperimentArms.arms(new Document("arms", "control"))).isEqualTo(new ExperimentArms.Lookup.Skipped(
                ExperimentArms.MALFORMED_EXPERIMENT, "'arms' is not a non-empty array"));
        assertThat(ExperimentArms.arms(new Document("arms", List.of(new ExperimentArm("a", "v1", 50).toDocument(),
                new Document("name", "b"))))).isEqualTo(new ExperimentArms.Lookup.Skipped(
                ExperimentArms.MALFORMED_EXPERIMENT, "arms[1]: arm b has no string 'modelVersion'"));
        assertThat(ExperimentArms.arms(new Document("arms", List.of(new ExperimentArm("a", "v1", 50).toDocument(),
                new ExperimentArm("a", "v2", 50).toDocument())))).isEqualTo(new ExperimentArms.Lookup.Skipped(
                ExperimentArms.MALFORMED_EXPERIMENT, "arm a appears twice"));
    }
}
