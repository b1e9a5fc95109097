package org.movierec.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.retrain.dvc.DvcIgnore;
import org.movierec.retrain.params.ParamsFile;
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

    /**
     * What {@code dvc init} writes (dvc/repo/init.py and dvc/ignore.py {@code init}: an empty {@code .dvc/config},
     * {@code .dvc/.gitignore} with {@code /config.local}, {@code /tmp}, {@code /cache}; {@code .dvcignore} with
     * its three comment lines), plus the {@code retrain} remote as the default ({@code dvc remote add -d}), so a
     * clone can {@code dvc pull} without setup.
     */
    @Test
    void dvcProjectFilesAreCommitted() throws Exception {
        assertThat(Files.readString(ROOT.resolve(".dvc/.gitignore"))).isEqualTo("/config.local\n/tmp\n/cache\n");
        // the service hashes its run directories with DVC's built-in patterns only: a pattern added here would
        // make DVC's hash of a pulled directory differ from the one the run recorded
        assertThat(Files.readString(ROOT.resolve(DvcIgnore.FILE))).isEqualTo(DvcIgnore.INIT_TEXT);
        assertThat(Files.readString(ROOT.resolve(".dvc/config"))).isEqualTo("""
                [core]
                    remote = retrain
                ['remote "retrain"']
                    url = ../.movierec/retrain/cache
                """);
    }

    /**
     * The remote is where the retrain-service keeps its DVC cache by default: DVC resolves a relative remote url
     * against the config file's directory ({@code .dvc/}), the service's work directory defaults to
     * {@code ${MOVIEREC_HOME:.movierec}/retrain} (its application.properties, the one place of that default) and the
     * cache is its {@code cache} folder.
     */
    @Test
    void theRemoteIsTheServicesDefaultCache() throws Exception {
        Properties service = new Properties();
        try (var in = Files.newBufferedReader(ROOT.resolve("retrain-service/src/main/resources/application.properties"))) {
            service.load(in);
        }
        assertThat(service.getProperty("retrain.work-dir")).isEqualTo("${RETRAIN_WORK_DIR:${MOVIEREC_HOME:.movierec}/retrain}");
        String url = Files.readAllLines(ROOT.resolve(".dvc/config")).stream().map(String::strip)
                .filter(l -> l.startsWith("url = ")).findFirst().orElseThrow().substring("url = ".length());
        assertThat(ROOT.resolve(".dvc").resolve(url).normalize())
                .isEqualTo(ROOT.resolve(".movierec").resolve("retrain").resolve("cache"));
        assertThat(Files.readString(ROOT.resolve(".gitignore"))).contains("\n/.movierec/\n", "\n/data/\n",
                "\n/model/\n", "\n/reports/\n");
    }

    /**
     * params.yaml is read by YAML 1.2, as DVC reads it (ruamel.yaml): a leading zero is decimal, {@code 0o} octal,
     * {@code 0x} hex, {@code 1e-2} a float, {@code yes} and {@code 1:30} strings. Under YAML 1.1 (SnakeYAML's
     * default) the same file gave epochs 32, a string "1e-2" and a boolean.
     */
    @Test
    void paramsAreReadAsDvcReadsThem(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("params.yaml"), """
                snapshot:
                  rating_max: 0x5
                train:
                  epochs: 040
                  factors: 0o10
                  lr: 1e-2
                  seed: 1_000
                """);
        assertThat(ParamsFile.load(file)).containsEntry("train.epochs", 40).containsEntry("train.factors", 8)
                .containsEntry("train.lr", 0.01).containsEntry("snapshot.rating_max", 5).containsEntry("train.seed", 1000);
        RetrainParams params = RetrainParams.load(file);
        assertThat(params.training().maxEpochs()).isEqualTo(40);
        assertThat(params.training().factors()).isEqualTo(8);

        Path words = Files.writeString(tmp.resolve("words.yaml"), "split:\n  policy: yes\n  test_fraction: 1:30\n");
        assertThat(ParamsFile.load(words)).containsEntry("split.policy", "yes").containsEntry("split.test_fraction", "1:30");
        assertThatThrownBy(() -> RetrainParams.load(words)).hasMessageContaining("split.policy must be time, last-per-user or random, got yes");
        Path time = Files.writeString(tmp.resolve("time.yaml"), "split:\n  test_fraction: 1:30\n");
        assertThatThrownBy(() -> RetrainParams.load(time)).hasMessageContaining("split.test_fraction").hasMessageContaining("1:30");
    }
}
