package org.movierec.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where every end-to-end IT starts: the repository ({@code movierec.root}), a fresh temporary home, the stack on
 * free ports with its world, its simulator's rate and a one-second model reload (so a release reaches inference at
 * once); each IT adds what it is about (monitoring, replicas, environment).
 */
final class E2eSettings {

    /** The name of the retrain parameter file an IT writes into the stack's home. */
    private static final String PARAMS_FILE = "e2e-params.yaml";

    private E2eSettings() {
    }

    /** The repository checkout the ITs run from. */
    static Path root() {
        return Path.of(System.getProperty("movierec.root", "..")).toAbsolutePath().normalize();
    }

    /**
     * The stack's settings in a new home {@code movierec-<name>…} under the temporary directory.
     *
     * @param sessionsPerSecond the simulator's live traffic (0: none)
     */
    static StackSettings of(String name, StackSettings.World world, double sessionsPerSecond) throws IOException {
        return StackSettings.defaults(root(), Files.createTempDirectory("movierec-" + name))
                .withPorts(Ports.free())
                .withWorld(world)
                .withSessionsPerSecond(sessionsPerSecond)
                .withReloadInterval(Duration.ofSeconds(1));
    }

    /** Writes retrain parameters ({@code RETRAIN_PARAMS_FILE}) into the stack's home; returns the file. */
    static Path retrainParams(StackSettings settings, String yaml) throws IOException {
        return Files.writeString(settings.home().resolve(PARAMS_FILE), yaml);
    }
}
