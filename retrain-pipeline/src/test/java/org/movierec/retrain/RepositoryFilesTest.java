package org.movierec.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.retrain.params.ParamsYaml;
import org.movierec.retrain.params.RetrainParams;
import org.movierec.retrain.run.DvcYaml;

/** The repository's dvc.yaml and params.yaml say what the code does. */
class RepositoryFilesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void dvcYamlIsTheGeneratedOne() throws Exception {
        assertThat(Files.readString(ROOT.resolve("dvc.yaml"))).isEqualTo(DvcYaml.text());
    }

    @Test
    void paramsYamlHoldsTheDefaults() throws Exception {
        assertThat(RetrainParams.load(ROOT.resolve("params.yaml"))).isEqualTo(RetrainParams.ofDefaults());
        assertThat(Files.readString(ROOT.resolve("params.yaml"))).isEqualTo(ParamsYaml.text(RetrainParams.ofDefaults()));
    }

    @Test
    void paramsAreCheckedWhenRead() {
        assertThatThrownBy(() -> new RetrainParams(Map.of("train.factorz", 3)))
                .hasMessageContaining("unknown parameter train.factorz");
        assertThatThrownBy(() -> new RetrainParams(Map.of("split.policy", "shuffle")))
                .hasMessageContaining("split.policy must be time, last-per-user or random");
        assertThatThrownBy(() -> new RetrainParams(Map.of("train.lr", "fast")))
                .hasMessageContaining("lr");
        assertThat(new RetrainParams(Map.of("train.factors", 8)).training().factors()).isEqualTo(8);
    }
}
