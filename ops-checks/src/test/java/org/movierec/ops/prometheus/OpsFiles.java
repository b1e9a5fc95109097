package org.movierec.ops.prometheus;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;
import org.movierec.ops.Repository;

/**
 * Where the operational files are, and how to run the tools that read them. Tests run in the module directory
 * ({@code ops-checks/}), so the repository root is its parent.
 */
final class OpsFiles {

    /** The modules Prometheus scrapes: its job names, and the {@code service} label of their alerts. */
    static final List<String> JOBS = List.of("inference-service", "telemetry-collector", "retrain-service", "ab-router",
            "simulator");

    /** The runbook_url of an alert is this followed by the anchor of its heading. */
    static final String RUNBOOK_BASE = "https://github.com/movierec/movierec/blob/main/docs/OPERATIONS.md#";

    /** The provisioned Grafana dashboards an alert may point at. */
    static final List<String> DASHBOARDS = List.of("/d/movierec-platform", "/d/movierec-model-quality",
            "/d/movierec-experiments", "/d/movierec-data-pipeline");

    private OpsFiles() {
    }

    static Path root() {
        return Repository.root();
    }

    static Path prometheus() {
        return root().resolve("prometheus");
    }

    static Path alertmanager() {
        return root().resolve("alertmanager");
    }

    /** The *.yml files of {@code dir}, sorted. */
    static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yml")).sorted().toList();
        }
    }

    static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    /**
     * The executable {@code name} on the PATH.
     *
     * @param debianPackage the package that bin/setup installs it from, for the failure message
     */
    static Path tool(String name, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail(name + " is not installed (not on the PATH): run bin/setup, which installs the Debian package "
                + debianPackage);
    }

    /** What a finished command said. */
    record Result(int exitCode, String output) {
    }

    /**
     * Runs {@code command} in {@code workDir} and returns its exit code and its output (stdout and stderr).
     * The ten-minute limit only stops a hung tool; no assertion depends on how long a tool takes.
     */
    static Result run(Path workDir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).directory(workDir.toFile())
                .redirectErrorStream(true).start();
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(command + " did not finish in 10 minutes; output so far:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }
}
