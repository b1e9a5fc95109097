package org.movierec.launcher;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.movierec.contracts.events.Topics;
import org.movierec.registry.ModelRegistry;
import org.movierec.testkit.FreePorts;
import org.movierec.testkit.KafkaBroker;
import org.movierec.testkit.MongoServer;
import org.movierec.testkit.PostgresServer;
import org.movierec.testkit.ServiceProcess;

/**
 * The whole platform on one machine: a Kafka broker (KRaft, child JVM), PostgreSQL (embedded binaries),
 * MongoDB (mongo-java-server with an H2 file, in this JVM), the four services and the simulator (child JVMs from
 * their fast-jars), all on 127.0.0.1, all data under one home directory kept across restarts.
 *
 * <p>{@link #start} brings it up and, on a first start (no production model in the registry yet), seeds it:
 * the simulator writes weeks of history to {@code movielog}, the collector stores it, the retrain service
 * trains, registers and promotes the first model, inference loads it and the router serves it. Then the
 * simulator's live traffic begins. A {@link Supervisor} restarts a service that exits unexpectedly.
 * Prometheus, Alertmanager and Grafana join when installed ({@link MonitoringTools}). {@link #close()} stops
 * everything in reverse order.
 *
 * <p><b>Replicas.</b> A service may run as several processes ({@link StackSettings#withReplicas}), each supervised
 * on its own: the routers share the experiments in MongoDB and are each given every inference replica, the collectors
 * share one consumer group, the retrain replicas one run lease, the inference replicas each read the registry.
 * {@link #service} is a service's first process, {@link #replicas} all of them.
 */
public final class LocalStack implements AutoCloseable {

    /** The database of the registry and experiments (the services' default). */
    public static final String DATABASE = "movierec";
    private static final Duration SERVICE_START = Duration.ofMinutes(3);
    private static final Duration SEEDING = Duration.ofMinutes(5);

    private final StackSettings settings;
    private final Progress progress;
    private final AdminTokens tokens;
    private final PostgresServer postgres;
    private final MongoServer mongo;
    private final KafkaBroker kafka;
    private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
    private final Map<Service, List<ServiceProcess>> replicas = new EnumMap<>(Service.class);
    private final Supervisor supervisor;
    private MonitoringTools monitoring;
    private MongoClient mongoClient;

    private LocalStack(StackSettings settings, Progress progress) {
        this.settings = settings;
        this.progress = progress;
        this.supervisor = new Supervisor(progress, Supervisor.Policy.defaults());
        Path home = settings.home();
        this.tokens = AdminTokens.loadOrCreate(home);
        this.postgres = PostgresServer.builder().dataDir(home.resolve("postgres")).port(settings.ports().postgres())
                .database(DATABASE).build();
        this.mongo = MongoServer.builder().h2File(home.resolve("mongo/movierec.mv")).port(settings.ports().mongo())
                .build();
        this.kafka = KafkaBroker.builder().dataDir(home.resolve("kafka")).port(settings.ports().kafka())
                .controllerPort(settings.ports().kafkaController()).maxHeap("512m").build();
        for (Service s : Service.values()) {
            List<ServiceProcess> processes = new ArrayList<>();
            List<Integer> ports = settings.portsOf(s);
            for (int i = 0; i < ports.size(); i++) {
                String name = i == 0 ? s.module() : s.module() + "-" + (i + 1);
                processes.add(ServiceProcess.builder(name, s.jar(settings.root()), ports.get(i))
                        .jvmOption(s.maxHeap())
                        .jvmOption("-XX:+UseG1GC")
                        .env(environment(s))
                        .log(home.resolve("logs").resolve(name + ".log"))
                        .build());
            }
            replicas.put(s, List.copyOf(processes));
            services.put(s, processes.get(0));
        }
    }

    /**
     * Starts and seeds the stack; on failure stops what it started and rethrows.
     *
     * @throws IllegalStateException naming the port in use, the jar missing, or the step that failed
     */
    public static LocalStack start(StackSettings settings, Progress progress) {
        QuietLogs.apply();
        List<String> taken = new ArrayList<>(settings.ports().taken());
        settings.replicaPorts().forEach((s, ports) -> ports.stream().filter(FreePorts::inUse)
                .forEach(port -> taken.add(port + " (" + s.module() + " replica)")));
        if (!taken.isEmpty()) {
            throw new IllegalStateException("ports already in use on 127.0.0.1: " + String.join(", ", taken)
                    + " (is another MovieRec stack running? stop it first)");
        }
        for (Service s : Service.values()) {
            if (!Files.isRegularFile(s.jar(settings.root()))) {
                throw new IllegalStateException(s.jar(settings.root()) + " is missing: run ./mvnw -B package -DskipTests");
            }
        }
        LocalStack stack = new LocalStack(settings, progress);
        settings.ports().write(portsFile(settings.home()));
        try {
            stack.startInfrastructure();
            stack.startServices();
            stack.seedIfNew();
            stack.startTraffic();
            stack.startOptionalTools();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startInfrastructure() {
        progress.step("starting PostgreSQL on 127.0.0.1:" + settings.ports().postgres() + " (" + postgres.dataDir() + ")");
        postgres.start();
        progress.step("starting MongoDB (mongo-java-server, H2 file) on 127.0.0.1:" + settings.ports().mongo());
        mongo.start();
        mongoClient = MongoClients.create(mongo.connectionString());
        progress.step("starting Kafka (KRaft) on 127.0.0.1:" + settings.ports().kafka());
        kafka.start();
        // As many partitions for both topics the collector reads, as in production (kafka-topics.yaml): a user's
        // movielog lines and served lists then land in partitions of the same number, which range assignment gives to
        // the same collector, so two collectors never update each other's users' served lists (ScaleOutIT).
        kafka.createTopic(Topics.MOVIELOG, 4);
        kafka.createTopic(Topics.MOVIELOG_DLQ, 1);
        kafka.createTopic(Topics.SERVED, 4);
        kafka.createTopic(Topics.SERVED + ".dlq", 1);
    }

    private void startServices() {
        List<ServiceProcess> all = replicas.values().stream().flatMap(List::stream).toList();
        progress.step("starting " + services.size() + " services" + (all.size() > services.size() ? " as " + all.size()
                + " processes" : "") + " (logs in " + settings.home().resolve("logs")
                + "); restarted when they exit unexpectedly");
        all.forEach(p -> supervisor.start(supervised(p)));
        supervisor.watchHoldFiles(controlDirectory(settings.home()), Duration.ofSeconds(1));
        List<CompletableFuture<Void>> live = new ArrayList<>();
        for (ServiceProcess p : all) {
            live.add(CompletableFuture.runAsync(() -> {
                awaitServing(p, "/q/health/live", SERVICE_START);
                progress.detail(String.format(Locale.ROOT, "%-20s live at %s", p.name(), p.baseUrl()));
            }));
        }
        CompletableFuture.allOf(live.toArray(CompletableFuture[]::new)).join();
    }

    private void seedIfNew() {
        Optional<String> production = registry().productionVersion();
        if (production.isPresent()) {
            progress.step("registry already has production model " + production.get() + " (kept from the last run)");
        } else {
            Seeding seeding = new Seeding(this, progress);
            seeding.writeHistory();
            seeding.awaitTelemetry(SEEDING);
            seeding.trainFirstModel(SEEDING);
        }
        progress.step("waiting for inference to load the production model and the router to serve it");
        replicas(Service.INFERENCE).forEach(p -> awaitServing(p, "/q/health/ready", SEEDING));
        replicas(Service.ROUTER).forEach(p -> awaitServing(p, "/recommend/1", SEEDING));
    }

    /**
     * Waits until {@code GET path} answers 200. A service that exits meanwhile is restarted by the supervisor (a
     * first start on a loaded machine can time out on its database connection), so an exit alone does not fail the
     * start; a crash loop does, with the log's tail, and so does the timeout.
     */
    private void awaitServing(ServiceProcess p, String path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (p.status(path) == 200) {
                return;
            }
            if (supervisor.crashLooping(p.name())) {
                throw new IllegalStateException(p.name() + " is crashing repeatedly; last lines of " + p.log() + ":\n"
                        + p.tail(30));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException(p.name() + ": GET " + path + " did not answer 200 within " + timeout
                + "; last lines of " + p.log() + ":\n" + p.tail(30));
    }

    private void startTraffic() {
        if (settings.sessionsPerSecond() <= 0) {
            return;
        }
        progress.step("simulator traffic: " + settings.sessionsPerSecond() + " sessions/s through the router");
        HttpCalls.Answer answer = HttpCalls.post(service(Service.SIMULATOR).baseUrl() + "/admin/traffic",
                tokens.of(Service.SIMULATOR),
                "{\"enabled\":true,\"sessionsPerSecond\":" + settings.sessionsPerSecond() + "}");
        if (!answer.ok()) {
            throw new IllegalStateException("simulator refused to start traffic: " + answer.status() + " " + answer.body());
        }
    }

    private void startOptionalTools() {
        if (!settings.monitoring().enabled()) {
            return;
        }
        monitoring = new MonitoringTools(settings, progress);
        monitoring.start(services);
    }

    /** A service as the supervisor runs it: ready is {@code /q/health/ready} answering 200. */
    private static Supervisor.Child supervised(ServiceProcess process) {
        return new Supervisor.Child() {
            @Override
            public String name() {
                return process.name();
            }

            @Override
            public CompletableFuture<Integer> start() {
                return process.start().onExit();
            }

            @Override
            public void stop() {
                process.stop();
            }

            @Override
            public String logTail(int lines) {
                return process.tail(lines);
            }

            @Override
            public void awaitReady() {
                process.awaitHttp("/q/health/ready", 200, SERVICE_START);
            }
        };
    }

    /** {@code <home>/ports.properties}: the running stack's ports, for {@code bin/drill} ({@link Ports#read}). */
    public static Path portsFile(Path home) {
        return home.resolve("ports.properties");
    }

    /**
     * {@code <home>/control}: a file {@code <module>.hold} there keeps that service stopped until it is removed
     * ({@code bin/drill} takes a service down this way, see {@link Supervisor#watchHoldFiles}).
     */
    public static Path controlDirectory(Path home) {
        return home.resolve("control");
    }

    /**
     * Stops a service on purpose: the supervisor leaves it stopped until {@link #release}.
     *
     * @param reason shown on the console
     */
    public void hold(Service s, String reason) {
        supervisor.hold(s.module(), reason);
    }

    /** Starts a held service again (returns at once; the console says when it is ready). */
    public void release(Service s) {
        supervisor.release(s.module());
    }

    private Map<String, String> environment(Service s) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MOVIEREC_HOME", settings.home().toString());
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + settings.ports().kafka());
        env.put("MONGODB_URI", "mongodb://127.0.0.1:" + settings.ports().mongo());
        env.put("DATABASE_URL", jdbcUrl());
        env.put("DATABASE_USER", PostgresServer.USER);
        env.put("DATABASE_PASSWORD", PostgresServer.PASSWORD);
        if (settings.slackWebhook() != null && !settings.slackWebhook().isBlank()) {
            env.put("SLACK_WEBHOOK_URL", settings.slackWebhook());
        }
        String inference = String.join(",", settings.portsOf(Service.INFERENCE).stream()
                .map(port -> "http://127.0.0.1:" + port).toList());
        String router = "http://127.0.0.1:" + settings.ports().of(Service.ROUTER);
        String simulator = "http://127.0.0.1:" + settings.ports().of(Service.SIMULATOR);
        String retrain = "http://127.0.0.1:" + settings.ports().of(Service.RETRAIN);
        switch (s) {
            case INFERENCE -> {
                env.put("INFERENCE_ADMIN_TOKEN", tokens.of(Service.INFERENCE));
                env.put("INFERENCE_RELOAD_INTERVAL", settings.reloadInterval().toMillis() + "ms");
            }
            case TELEMETRY -> {
            }
            case RETRAIN -> {
                env.put("RETRAIN_ADMIN_TOKEN", tokens.of(Service.RETRAIN));
                env.put("RETRAIN_WORK_DIR", settings.home().resolve("retrain").toString());
                env.put("USER_API_URL", simulator);
                env.put("ROUTER_URL", router);
                env.put("ROUTER_ADMIN_TOKEN", tokens.of(Service.ROUTER));
            }
            case ROUTER -> {
                env.put("ROUTER_ADMIN_TOKEN", tokens.of(Service.ROUTER));
                env.put("INFERENCE_URL", inference); // every inference replica: the router balances them
                // a canary that passed is released by retrain-service, the one writer of the production pointer
                env.put("RETRAIN_URL", retrain);
                env.put("RETRAIN_ADMIN_TOKEN", tokens.of(Service.RETRAIN));
            }
            case SIMULATOR -> {
                StackSettings.World world = settings.world();
                env.put("SIMULATOR_ADMIN_TOKEN", tokens.of(Service.SIMULATOR));
                env.put("SIMULATOR_ROUTER_URL", router);
                env.put("SIMULATOR_DATA_DIR", settings.home().resolve("simulator").toString());
                env.put("SIMULATOR_USERS", Integer.toString(world.users()));
                env.put("SIMULATOR_MOVIES", Integer.toString(world.movies()));
                env.put("SIMULATOR_SEED", Long.toString(world.seed()));
                env.put("SIMULATOR_BOOTSTRAP_RATINGS", Integer.toString(world.bootstrapRatings()));
                env.put("SIMULATOR_BOOTSTRAP_DAYS", Integer.toString(world.bootstrapDays()));
                // the viewer's app: "why this?" from inference, a person's history from the collector
                env.put("VIEWER_INFERENCE_URL", inference);
                env.put("VIEWER_TELEMETRY_URL", "http://127.0.0.1:" + settings.ports().of(Service.TELEMETRY));
            }
        }
        env.putAll(settings.extraEnvironment(s));
        return env;
    }

    /** The JDBC URL of the telemetry database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + settings.ports().postgres() + "/" + DATABASE;
    }

    /** The monitoring tools that run ("Prometheus http://127.0.0.1:9090", ...); empty when none. */
    public List<String> monitoringTools() {
        return monitoring == null ? List.of()
                : monitoring.started().stream().map(t -> t.name() + " " + t.url()).toList();
    }

    /** A registry client on the stack's MongoDB. */
    public ModelRegistry registry() {
        return new ModelRegistry(mongoClient.getDatabase(DATABASE));
    }

    /** The stack's MongoDB client (tests read experiments and runs with it). */
    public MongoClient mongoClient() {
        return mongoClient;
    }

    /** How far the collector is behind a topic. */
    public TelemetryLag telemetryLag() {
        return new TelemetryLag(kafka.bootstrapServers(), jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD,
                "telemetry-collector");
    }

    /** The first (with no replicas, the only) process of {@code s}. */
    public ServiceProcess service(Service s) {
        return services.get(s);
    }

    /** Every process of {@code s}, the first one first ({@link StackSettings#withReplicas}). */
    public List<ServiceProcess> replicas(Service s) {
        return replicas.get(s);
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public MongoServer mongo() {
        return mongo;
    }

    public AdminTokens tokens() {
        return tokens;
    }

    public StackSettings settings() {
        return settings;
    }

    /** A simple JSON field of a service's answer (launcher steps read run ids and states with it). */
    static Object field(String json, String name) {
        return JsonValues.object(json).get(name);
    }

    /**
     * Stops supervising, then the tools, the services (simulator first), Kafka, MongoDB and PostgreSQL; data stays in
     * the home.
     */
    @Override
    public void close() {
        supervisor.close();
        if (monitoring != null) {
            monitoring.stop();
        }
        List<Service> order = List.of(Service.SIMULATOR, Service.ROUTER, Service.RETRAIN, Service.INFERENCE,
                Service.TELEMETRY);
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (Service s : order) {
            for (ServiceProcess p : replicas.get(s)) {
                stops.add(CompletableFuture.runAsync(() -> quietly(p::stop)));
            }
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        quietly(kafka::stop);
        if (mongoClient != null) {
            quietly(mongoClient::close);
        }
        quietly(mongo::stop);
        quietly(postgres::stop);
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            System.err.println("while stopping: " + e.getMessage());
        }
    }
}
