package org.movierec.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.movierec.testkit.FreePorts;

/**
 * A monitoring tool the stack runs when it is installed (Prometheus, Alertmanager, Grafana): an executable found
 * on the PATH (or at a fixed place), started with its arguments and environment on a loopback port, its output
 * appended to a log. {@link MonitoringTools} decides the arguments and writes the tools' files.
 */
final class OptionalTool {

    private final String name;
    private final Optional<Path> executable;
    private final int port;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final Path log;
    private final Path workingDirectory;
    private Process process;

    /**
     * @param workingDirectory where it runs: relative paths in its configuration that the tool does not resolve
     *        against the configuration file's folder are resolved against this one
     */
    OptionalTool(String name, Optional<Path> executable, int port, List<String> arguments, Map<String, String> environment,
            Path log, Path workingDirectory) {
        this.workingDirectory = workingDirectory;
        this.name = name;
        this.executable = executable;
        this.port = port;
        this.arguments = List.copyOf(arguments);
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    /** The first of {@code names} that is an executable file in a directory of the PATH. */
    static Optional<Path> onPath(String... names) {
        for (String binary : names) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, binary);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }

    String name() {
        return name;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    boolean installed() {
        return executable.isPresent();
    }

    /** Whether its port is already taken (another Prometheus, a developer's Grafana): then it is not started. */
    boolean portBusy() {
        return FreePorts.inUse(port);
    }

    void start() {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable.orElseThrow(() -> new IllegalStateException(name + " is not installed")).toString());
        cmd.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(workingDirectory);
            ProcessBuilder builder = new ProcessBuilder(cmd).directory(workingDirectory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Whether the process started by {@link #start()} is still running. */
    boolean alive() {
        return process != null && process.isAlive();
    }

    Path log() {
        return log;
    }

    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
