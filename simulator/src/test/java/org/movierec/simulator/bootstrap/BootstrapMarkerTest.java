package org.movierec.simulator.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapMarkerTest {

    @TempDir
    Path dir;

    @Test
    void aWrittenMarkerIsReadBackByANewInstance() throws Exception {
        BootstrapSummary summary = new BootstrapSummary(123_456, 30_000, 6040, 3000, "2025-10-01T00:00:00",
                "2025-10-22T00:00:00", 2.5);
        assertThat(new BootstrapMarker(dir.resolve("sim")).read()).isEmpty();
        new BootstrapMarker(dir.resolve("sim")).write(summary, Map.of("seed", 42L));
        assertThat(new BootstrapMarker(dir.resolve("sim")).read()).contains(summary);
        assertThat(Files.readString(dir.resolve("sim").resolve(BootstrapMarker.FILE))).contains("\"state\":\"done\"")
                .contains("\"seed\":42");
        assertThat(Files.list(dir.resolve("sim"))).hasSize(1);
    }

    @Test
    void aCorruptMarkerIsAnErrorThatSaysWhatToDo() throws Exception {
        Files.writeString(dir.resolve(BootstrapMarker.FILE), "{\"state\":\"done\"");
        assertThatThrownBy(() -> new BootstrapMarker(dir).read()).hasMessageContaining("delete it");
    }
}
