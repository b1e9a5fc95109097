package org.movierec.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One of the platform's Quarkus services in a child JVM, run from its fast-jar
 * ({@code <module>/target/quarkus-app/quarkus-run.jar}, built by {@code package}), so that the local
 * launcher and the end-to-end tests run the real thing and a fault drill can kill it as a crash would.
 *
 * <p>The service listens on {@code 127.0.0.1:<port>}; its output is appended to a log file. Environment
 * variables configure it (the services read {@code KAFKA_BOOTSTRAP_SERVERS}, {@code MONGODB_URI},
 * {@code DATABASE_URL}, ...), so secrets never appear on a command line. A stopped service can be started
 * again with the same settings ({@link #start()} after {@link #stop()} or {@link #kill()}).
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path log;
    private Process process;

    private ServiceProcess(Builder b) {
        this.name = b.name;
        this.jar = b.jar;
        this.port = b.port;
        this.environment = Map.copyOf(b.environment);
        this.jvmOptions = List.copyOf(b.jvmOptions);
        this.log = b.log;
    }

    public static Builder builder(String name, Path jar, int port) {
        return new Builder(name, jar, port);
    }

    /**
     * Starts the JVM (it returns at once; see {@link #awaitHttp}).
     *
     * @throws IllegalStateException if the jar is missing or the service is already running
     */
    public synchronized ServiceProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -B package -DskipTests");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Dquarkus.http.host=127.0.0.1");
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-jar");
        cmd.add(jar.toString());
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(cmd).directory(jar.getParent().toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * Waits until {@code GET path} answers {@code status}.
     *
     * @throws IllegalStateException if the process exits first or {@code timeout} passes (with the log's tail)
     */
    public void awaitHttp(String path, int status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            Process p = currentProcess();
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException(name + " exited (" + (p == null ? "never started" : p.exitValue())
                        + "); last lines of " + log + ":\n" + tail(30));
            }
            last = status(path);
            if (last == status) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(name + ": GET " + path + " answered " + last + ", not " + status + ", within "
                + timeout + "; last lines of " + log + ":\n" + tail(30));
    }

    /** The HTTP status of {@code GET path}, or -1 when the service does not answer. */
    public int status(String path) {
        try {
            HttpRequest r = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(5)).build();
            return HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The body of {@code GET path}, or empty when the service does not answer. */
    public String get(String path) {
        try {
            HttpRequest r = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10)).build();
            return HTTP.send(r, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public URI url(String path) {
        return URI.create(baseUrl() + path);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * Completes with the exit code when the process started last exits (a supervisor restarts crashed services
     * with it); already completed with -1 before the first start.
     */
    public synchronized CompletableFuture<Integer> onExit() {
        return process == null ? CompletableFuture.completedFuture(-1) : process.onExit().thenApply(Process::exitValue);
    }

    /** The process id, or -1 before the first start. */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** SIGKILL, as a crash: no shutdown hook, no flush. Returns the exit code. */
    public int kill() {
        Process p = currentProcess();
        if (p == null) {
            return -1;
        }
        p.destroyForcibly();
        return waitFor(p, Duration.ofSeconds(30));
    }

    /**
     * Waits for the process to exit by itself (a service told to halt); returns its exit code.
     *
     * @throws IllegalStateException if it is still running after {@code timeout}
     */
    public int waitForExit(Duration timeout) {
        Process p = currentProcess();
        if (p == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return waitFor(p, timeout);
    }

    /** SIGTERM (graceful shutdown), then SIGKILL if it has not exited in 20 s. Does nothing if not running. */
    public void stop() {
        Process p = currentProcess();
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                waitFor(p, Duration.ofSeconds(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The last {@code lines} lines of the log. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private synchronized Process currentProcess() {
        return process;
    }

    private int waitFor(Process p, Duration timeout) {
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " (pid " + p.pid() + ") still running after " + timeout);
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "ServiceProcess[" + name + " at " + baseUrl() + (isAlive() ? ", pid " + pid() : ", stopped") + "]";
    }

    /** Options of a {@link ServiceProcess}. */
    public static final class Builder {

        private final String name;
        private final Path jar;
        private final int port;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private Path log;

        private Builder(String name, Path jar, int port) {
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 1..65535, got " + port);
            }
            this.name = name;
            this.jar = jar.toAbsolutePath();
            this.port = port;
            this.log = Path.of(name + ".log").toAbsolutePath();
        }

        /** Sets an environment variable of the service (null values are skipped). */
        public Builder env(String key, String value) {
            if (value != null) {
                environment.put(key, value);
            }
            return this;
        }

        public Builder env(Map<String, String> values) {
            values.forEach(this::env);
            return this;
        }

        /** Sets system properties of the service ({@code -Dkey=value}; Quarkus reads them as configuration). */
        public Builder systemProperties(Map<String, String> values) {
            values.forEach((k, v) -> jvmOptions.add("-D" + k + "=" + v));
            return this;
        }

        /** Adds a JVM option such as {@code -Xmx512m}. */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** Where the output goes (appended). */
        public Builder log(Path file) {
            this.log = file.toAbsolutePath();
            return this;
        }

        public ServiceProcess build() {
            return new ServiceProcess(this);
        }
    }
}
