package org.movierec.contracts.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.Document;
import org.junit.jupiter.api.Test;

class ExperimentArmTest {

    @Test
    void anArmIsStoredAsNameModelVersionAndWeightInThisOrder() {
        Document stored = new ExperimentArm("canary", "20261125-121314-ab12cd34", 10).toDocument();

        assertThat(stored.toJson()).isEqualTo(
                "{\"name\": \"canary\", \"modelVersion\": \"20261125-121314-ab12cd34\", \"weight\": 10.0}");
        assertThat(ExperimentArm.fromDocument(stored)).isEqualTo(new ExperimentArm("canary", "20261125-121314-ab12cd34", 10));
    }

    @Test
    void readsAWholeNumberWeightAndIgnoresOtherFields() {
        Document stored = new Document("name", "a").append("modelVersion", "v1").append("weight", 90).append("note", "x");

        assertThat(ExperimentArm.fromDocument(stored)).isEqualTo(new ExperimentArm("a", "v1", 90.0));
    }

    @Test
    void namesWhatIsWrongWithAMalformedArm() {
        assertThatThrownBy(() -> ExperimentArm.fromDocument("arm")).hasMessage("arm is not a document: arm");
        assertThatThrownBy(() -> ExperimentArm.fromDocument(new Document("modelVersion", "v1").append("weight", 1)))
                .hasMessageStartingWith("arm has no string 'name'");
        assertThatThrownBy(() -> ExperimentArm.fromDocument(new Document("name", "a").append("weight", 1)))
                .hasMessage("arm a has no string 'modelVersion'");
        assertThatThrownBy(() -> ExperimentArm.fromDocument(new Document("name", "a").append("modelVersion", "v1")
                .append("weight", "half"))).hasMessage("arm a has no numeric 'weight'");
        assertThatThrownBy(() -> ExperimentArm.fromDocument(new Document("name", "a").append("modelVersion", "v1")
                .append("weight", -1))).hasMessage("arm a: weight must be finite and >= 0: -1.0");
    }

    @Test
    void statusesAreStoredLowerCase() {
        assertThat(ExperimentStatus.RUNNING.wireName()).isEqualTo("running");
        assertThat(ExperimentStatus.fromWireName("aborted")).isEqualTo(ExperimentStatus.ABORTED);
        assertThatThrownBy(() -> ExperimentStatus.fromWireName("RUNNING")).hasMessage("unknown experiment status 'RUNNING'");
    }
}
