package org.movierec.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real Apache Kafka 4.x broker in KRaft mode (one node acting as broker and controller) run in a separate JVM
 * on 127.0.0.1, from the {@code kafka_2.13} jars on this JVM's class path (or an explicit class path).
 *
 * <p>The data directory holds {@code server.properties}, {@code logging.properties}, the broker's log
 * {@code kafka.log} and the Kafka log directory {@code kafka-logs}. The first {@link #start()} formats the storage
 * ({@code kafka.tools.StorageTool format --standalone}); later starts on the same directory and ports reuse the
 * data, so a broker can be stopped or killed and started again (fault drills). Ports left at 0 are chosen on the
 * first start and kept for restarts.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.builder().build()) {
 *     kafka.start();
 *     kafka.createTopic("movielog", 3);
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String STORAGE_TOOL = "kafka.tools.StorageTool";
    private static final String LOG_MANAGER = "org.jboss.logmanager.LogManager";

    private final DataDirectory dataDir;
    private final String maxHeap;
    private final int numPartitions;
    private final ChildClasspath classpath;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private final List<String> extraJvmOptions;
    private int port;
    private int controllerPort;
    private Process process;
    private Thread orphanGuard;

    private KafkaBroker(Builder builder) {
        this.dataDir = DataDirectory.givenOrTemporary(builder.dataDir, "kafka-");
        this.port = builder.port;
        this.controllerPort = builder.controllerPort;
        this.maxHeap = builder.maxHeap;
        this.numPartitions = builder.numPartitions;
        this.classpath = builder.classpath == null ? ChildClasspath.ofThisJvm() : ChildClasspath.of(builder.classpath);
        this.startTimeout = builder.startTimeout;
        this.stopTimeout = builder.stopTimeout;
        this.extraJvmOptions = List.copyOf(builder.extraJvmOptions);
    }

    /** @return a builder with the defaults: temporary data dir, free ports, 1 partition, 512 MB heap */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the storage if this data directory has none yet, starts the broker JVM and waits until the broker
     * answers {@code describeCluster}.
     *
     * @throws IllegalStateException if the broker is already running, exits, or does not answer in time (the
     *     message ends with the tail of {@code kafka.log})
     */
    public synchronized void start() {
        if (isRunning()) {
            throw new IllegalStateException("Kafka broker already running on " + bootstrapServers());
        }
        if (process != null) {
            forgetProcess(); // it exited on its own
        }
        port = FreePorts.orFree(port);
        controllerPort = FreePorts.orFree(controllerPort);
        try {
            writeConfig();
            if (!Files.exists(logDir().resolve("meta.properties"))) {
                formatStorage();
            }
            process = javaProcess("org.movierec.testkit.KafkaBrokerMain", serverProperties().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka broker in " + dataDir, e);
        }
        guardAgainstOrphan(process);
        try {
            awaitReady();
        } catch (RuntimeException e) {
            kill();
            throw e;
        }
    }

    /**
     * Stops the broker gracefully (SIGTERM: controlled shutdown, logs flushed); if it has not exited within the
     * stop timeout it is killed. Does nothing if the broker is not running. The data directory is kept.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        awaitExit(stopTimeout);
        if (process.isAlive()) {
            process.destroyForcibly();
            awaitExit(stopTimeout);
        }
        forgetProcess();
    }

    /**
     * Kills the broker at once (SIGKILL), as a crash would, for fault drills. A later {@link #start()} recovers
     * the logs. Does nothing if the broker is not running.
     */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(stopTimeout);
        forgetProcess();
    }

    /** Stops the broker and deletes the data directory if it is a temporary one. */
    @Override
    public synchronized void close() {
        stop();
        dataDir.deleteIfTemporary();
    }

    /** @return true if the broker JVM is running */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** @return the broker JVM's process id, or -1 when it is not running */
    public synchronized long pid() {
        return isRunning() ? process.pid() : -1;
    }

    /** @return the bootstrap servers, {@code 127.0.0.1:<port>} (the port is known after the first start) */
    public synchronized String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** @return the client (PLAINTEXT) port, 0 before the first start if it was left free */
    public synchronized int port() {
        return port;
    }

    /** @return the KRaft controller port, 0 before the first start if it was left free */
    public synchronized int controllerPort() {
        return controllerPort;
    }

    /** @return the data directory */
    public Path dataDir() {
        return dataDir.path();
    }

    /** @return the broker's own log (stdout and stderr of its JVM) */
    public Path logFile() {
        return dataDir.path().resolve("kafka.log");
    }

    /**
     * Creates a topic with replication factor 1 and waits until it exists; a topic that already exists is left
     * as it is.
     *
     * @param name the topic name
     * @param partitions the number of partitions
     */
    public void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(adminConfig())) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all()
                    .get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("topic " + name + " not created within " + startTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        }
    }

    private Path serverProperties() {
        return dataDir.path().resolve("server.properties");
    }

    private Path loggingProperties() {
        return dataDir.path().resolve("logging.properties");
    }

    private Path logDir() {
        return dataDir.path().resolve("kafka-logs");
    }

    private void writeConfig() throws IOException {
        String listeners = "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort;
        List<String> lines = List.of(
                "# Written by org.movierec.testkit.KafkaBroker on every start.",
                "node.id=1",
                "process.roles=broker,controller",
                "listeners=" + listeners,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "log.dirs=" + logDir(),
                "num.partitions=" + numPartitions,
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // After a kill the controller refuses the broker's new registration until the old session
                // expires (default 9 s): a shorter session makes restarts after a crash faster.
                "broker.heartbeat.interval.ms=1000",
                "broker.session.timeout.ms=5000",
                "num.network.threads=2",
                "num.io.threads=2",
                "background.threads=2",
                "num.recovery.threads.per.data.dir=1");
        Files.write(serverProperties(), lines, StandardCharsets.UTF_8);
        // Read only where JBoss LogManager is the SLF4J backend on the child's class path (see javaProcess).
        Files.write(loggingProperties(), List.of(
                "logger.level=INFO",
                "logger.handlers=CONSOLE",
                "handler.CONSOLE=org.jboss.logmanager.handlers.ConsoleHandler",
                "handler.CONSOLE.formatter=PATTERN",
                "formatter.PATTERN=org.jboss.logmanager.formatters.PatternFormatter",
                "formatter.PATTERN.properties=pattern",
                "formatter.PATTERN.pattern=%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c] %s%e%n"), StandardCharsets.UTF_8);
    }

    private void formatStorage() throws IOException {
        String clusterId = Uuid.randomUuid().toString();
        Process format = javaProcess(STORAGE_TOOL, "format", "-t", clusterId, "-c", serverProperties().toString(),
                "--standalone")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        try {
            if (!format.waitFor(startTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                format.destroyForcibly();
                throw new IllegalStateException("Kafka storage format did not finish within " + startTimeout);
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
        if (format.exitValue() != 0) {
            throw new IllegalStateException("Kafka storage format failed with exit code " + format.exitValue()
                    + "; end of " + logFile() + ":\n" + logTail());
        }
    }

    private ProcessBuilder javaProcess(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms64m");
        command.add("-Xmx" + maxHeap);
        command.add("-XX:+UseG1GC");
        command.add("-XX:MaxGCPauseMillis=20");
        command.add("-Djava.awt.headless=true");
        command.add("-D" + KafkaBrokerMain.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        if (classpath.contains(LOG_MANAGER)) {
            command.add("-Djava.util.logging.manager=" + LOG_MANAGER);
            command.add("-Dlogging.configuration=" + loggingProperties().toUri());
        }
        command.addAll(extraJvmOptions);
        command.add("-cp");
        command.add(classpath.toString());
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dataDir.path().toFile());
        builder.environment().remove("CLASSPATH");
        return builder;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        Exception lastFailure = null;
        while (!portOpen()) {
            checkAlive(deadline, null);
            pause();
        }
        try (Admin admin = Admin.create(adminConfig())) {
            while (true) {
                checkAlive(deadline, lastFailure);
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                            .nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    lastFailure = e;
                    pause();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
                }
            }
        }
    }

    private void checkAlive(long deadline, Exception lastFailure) {
        if (!process.isAlive()) {
            throw new IllegalStateException("Kafka broker exited with code " + process.exitValue()
                    + "; end of " + logFile() + ":\n" + logTail());
        }
        if (System.nanoTime() - deadline > 0) {
            throw new IllegalStateException("Kafka broker did not answer within " + startTimeout
                    + "; end of " + logFile() + ":\n" + logTail(), lastFailure);
        }
    }

    private boolean portOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Map<String, Object> adminConfig() {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "movierec-testkit-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    }

    private void awaitExit(Duration timeout) {
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the broker JVM if this JVM exits without stopping it (a launcher ended with Ctrl-C, say). */
    private void guardAgainstOrphan(Process child) {
        orphanGuard = new Thread(() -> {
            child.destroy();
            try {
                if (!child.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.destroyForcibly();
            }
        }, "kafka-broker-stopper");
        Runtime.getRuntime().addShutdownHook(orphanGuard);
    }

    private void forgetProcess() {
        try {
            Runtime.getRuntime().removeShutdownHook(orphanGuard);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs or has run
        }
        orphanGuard = null;
        process = null;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile() + ": " + e + ")";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", " + dataDir + "]";
    }

    /** Options of a {@link KafkaBroker}. */
    public static final class Builder {

        private Path dataDir;
        private int port;
        private int controllerPort;
        private int numPartitions = 1;
        private String maxHeap = "512m";
        private String classpath;
        private Duration startTimeout = Duration.ofSeconds(60);
        private Duration stopTimeout = Duration.ofSeconds(30);
        private final List<String> extraJvmOptions = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param dir the data directory, kept on close; default: a temporary directory deleted on close
         * @return this builder
         */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /**
         * @param port the client (PLAINTEXT) port; 0 (default) for a free one
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * @param port the KRaft controller port; 0 (default) for a free one
         * @return this builder
         */
        public Builder controllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        /**
         * @param partitions {@code num.partitions}, the partitions of auto-created topics (default 1)
         * @return this builder
         */
        public Builder numPartitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1");
            }
            this.numPartitions = partitions;
            return this;
        }

        /**
         * @param maxHeap the broker JVM's {@code -Xmx} value, such as {@code 512m} (default)
         * @return this builder
         */
        public Builder maxHeap(String maxHeap) {
            this.maxHeap = maxHeap;
            return this;
        }

        /**
         * @param classpath the class path holding the {@code kafka_2.13} jars and this module; default: this
         *     JVM's {@code java.class.path}
         * @return this builder
         */
        public Builder classpath(String classpath) {
            this.classpath = classpath;
            return this;
        }

        /**
         * @param timeout how long {@link #start()} waits for the broker (default 60 s)
         * @return this builder
         */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /**
         * @param timeout how long {@link #stop()} waits for a graceful exit before killing (default 30 s)
         * @return this builder
         */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = timeout;
            return this;
        }

        /**
         * @param option an extra option for the broker JVM, such as {@code -XX:+UseSerialGC}
         * @return this builder
         */
        public Builder jvmOption(String option) {
            this.extraJvmOptions.add(option);
            return this;
        }

        /** @return a broker with these options, not yet started */
        public KafkaBroker build() {
            return new KafkaBroker(this);
        }
    }
}
