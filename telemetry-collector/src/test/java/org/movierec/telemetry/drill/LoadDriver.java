package org.movierec.telemetry.drill;

import org.movierec.testkit.ServiceProcess;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.movierec.registry.ModelRegistry;
import org.movierec.telemetry.TestSupport;

/**
 * Load driver of the collector, loopback only and bounded in time: starts Kafka, PostgreSQL and MongoDB here, the
 * packaged collector in its own JVM, and measures
 *
 * <ol>
 *   <li>sustained ingest: {@code --preload} records are put into Kafka first (6 million by default: about half a
 *       minute of work, so that the rate is the collector's steady state rather than its JVM compiling the hot
 *       paths, which takes a third of a core for the first ten seconds), then the collector is started (or
 *       {@code --instances} collector processes in one consumer group, started together) and
 *       the rate at which the positions stored in PostgreSQL (committed with the rows) advance is measured until
 *       it has caught up, with the CPU time the collector processes used meanwhile (from the OS) and where the
 *       machine's CPU went in that time ({@link CpuShares}: per thread of the JVMs, per PostgreSQL process);</li>
 *   <li>a burst: {@code --rate} records/s produced for {@code --burst} seconds while the collector runs; the lag
 *       (records in Kafka not yet in PostgreSQL) at the end of the burst, and how long draining it takes.</li>
 * </ol>
 *
 * Any option named {@code --telemetry.*} is passed to the collector(s) as that setting. Finally it checks that
 * PostgreSQL holds exactly the generated stream. Run it with {@code bench/telemetry.sh}.
 */
public final class LoadDriver {

    private LoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>(Map.of("rate", "50000", "burst", "60", "preload", "6000000",
                "partitions", "4", "users", "1000000", "batch", "100000", "heap", "1g", "out", "target/bench",
                "instances", "1"));
        for (int k = 0; k + 1 < args.length; k += 2) {
            opts.put(args[k].replaceFirst("^--", ""), args[k + 1]);
        }
        long rate = Long.parseLong(opts.get("rate"));
        int burstSeconds = Integer.parseInt(opts.get("burst"));
        long preload = Long.parseLong(opts.get("preload"));
        Path out = Path.of(opts.get("out"));
        Files.createDirectories(out);
        List<String> report = new ArrayList<>();
        report.add("telemetry-collector load driver, " + LocalDate.now() + ", options " + opts);
        report.add("machine: " + Runtime.getRuntime().availableProcessors() + " cores, java " + System.getProperty("java.version"));

        // --pg.<parameter>: a PostgreSQL server parameter, e.g. --pg.max_wal_size 4GB
        Map<String, String> postgresConfig = withPrefix(opts, "pg.", true);
        try (LocalPlatform platform = LocalPlatform.start(Integer.parseInt(opts.get("partitions")), postgresConfig)) {
            String version;
            try (MongoClient mongo = MongoClients.create(platform.mongoUri())) {
                version = new ModelRegistry(mongo.getDatabase("movierec"))
                        .register(TestSupport.trained(1), Map.of("rmse", 0.9), Map.of()).version();
            }
            StreamGenerator stream = new StreamGenerator(7, Integer.parseInt(opts.get("users")), 50_000, version);
            try (KafkaProducer<byte[], byte[]> producer = producer(platform.kafka.bootstrapServers());
                 Connection db = platform.connect()) {

                // 1. Sustained ingest from a backlog.
                long t = System.nanoTime();
                while (stream.records() < preload) {
                    send(producer, stream);
                }
                producer.flush();
                double produceSeconds = (System.nanoTime() - t) / 1e9;
                report.add(String.format("preloaded %,d records in %.1f s (%,.0f records/s into Kafka)",
                        stream.records(), produceSeconds, stream.records() / produceSeconds));

                int instances = Integer.parseInt(opts.get("instances"));
                List<ServiceProcess> collectors = new ArrayList<>();
                try {
                    for (int k = 0; k < instances; k++) {
                        Map<String, String> settings = platform.collectorSettings();
                        settings.put("telemetry.batch.max-records", opts.get("batch"));
                        settings.put("telemetry.kafka.instance-id", "bench-" + k);
                        if (opts.containsKey("consumers")) {
                            settings.put("telemetry.kafka.consumers", opts.get("consumers"));
                        }
                        // any other collector setting, e.g. --telemetry.batch.durable-commit false
                        settings.putAll(withPrefix(opts, "telemetry.", false));
                        collectors.add(CollectorProcess.start(settings,
                                out.resolve(k == 0 ? "collector.log" : "collector-" + k + ".log"), opts.get("heap")));
                    }
                    List<long[]> samples = new ArrayList<>(); // nanos, stored
                    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                    long stored = 0;
                    long[] cpuFrom = null; // nanos, the collectors' CPU nanos, records stored, once storing began
                    CpuShares shares = null; // per thread and PostgreSQL process, once storing began
                    StorageActivity storage = null; // WAL, checkpoints, I/O stalls, once storing began
                    BackendStates backends = null; // what the collector's backends do, once storing began
                    while (stored < stream.records() && System.nanoTime() < deadline) {
                        Thread.sleep(500);
                        stored = stored(db);
                        samples.add(new long[] {System.nanoTime(), stored});
                        if (cpuFrom == null && stored > 0) {
                            cpuFrom = new long[] {System.nanoTime(), cpuNanos(collectors), stored};
                            shares = new CpuShares(watched(collectors, platform));
                            storage = new StorageActivity(db);
                            backends = new BackendStates(platform.connect(),
                                    TestSupport.longOf(db, "SELECT pg_backend_pid()"));
                        }
                    }
                    report.add(sustained(samples, stream.records()));
                    if (cpuFrom != null) {
                        double cpu = (cpuNanos(collectors) - cpuFrom[1]) / 1e9;
                        double wall = (System.nanoTime() - cpuFrom[0]) / 1e9;
                        report.add(String.format("collector CPU while storing the backlog: %.1f s in %.1f s (%.0f %% of one core)",
                                cpu, wall, 100 * cpu / wall));
                        report.addAll(shares.report(0.02));
                        report.addAll(storage.report(stored - cpuFrom[2]));
                        backends.close();
                        report.addAll(backends.report());
                    }

                    // 2. A burst at a fixed rate while the collector runs.
                    long before = stream.records();
                    long start = System.nanoTime();
                    long end = start + Duration.ofSeconds(burstSeconds).toNanos();
                    long nextSample = start + 1_000_000_000L;
                    List<String> perSecond = new ArrayList<>();
                    while (System.nanoTime() < end) {
                        long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
                        while (stream.records() - before < due) {
                            send(producer, stream);
                        }
                        if (System.nanoTime() >= nextSample) {
                            long s = stored(db);
                            perSecond.add(String.format("%d:%d", (nextSample - start) / 1_000_000_000L,
                                    stream.records() - s));
                            nextSample += 1_000_000_000L;
                        }
                        Thread.sleep(1);
                    }
                    producer.flush();
                    double burstTook = (System.nanoTime() - start) / 1e9;
                    long produced = stream.records() - before;
                    long lagAtEnd = stream.records() - stored(db);
                    report.add(String.format("burst: %,d records in %.1f s (%,.0f records/s offered, target %,d/s);"
                            + " lag at the end of the burst %,d records", produced, burstTook, produced / burstTook, rate, lagAtEnd));
                    report.add("lag per second of the burst (s:records): " + String.join(" ", perSecond));
                    long drainStart = System.nanoTime();
                    while (stored(db) < stream.records() && System.nanoTime() - drainStart < Duration.ofMinutes(5).toNanos()) {
                        Thread.sleep(200);
                    }
                    report.add(String.format("lag drained %.1f s after the burst", (System.nanoTime() - drainStart) / 1e9));
                    for (int k = 0; k < instances; k++) {
                        report.add("collector " + k + " metrics: " + grep(collectors.get(k).get("/q/metrics"),
                                "telemetry_db_write_seconds_sum", "telemetry_db_write_seconds_count",
                                "telemetry_batch_size_sum", "telemetry_batch_size_count", "telemetry_db_failures_total",
                                "telemetry_db_statement_seconds_sum"));
                    }
                } finally {
                    collectors.forEach(ServiceProcess::close);
                }
                Map<String, long[]> comparison = Expectations.compare(db, stream);
                report.add((Expectations.exact(comparison) ? "PostgreSQL holds exactly the stream:"
                        : "PostgreSQL does NOT hold exactly the stream:") + System.lineSeparator() + Expectations.describe(comparison));
            }
        }
        report.forEach(System.out::println);
        Files.write(out.resolve("report.txt"), report);
    }

    /** The processes whose CPU the report breaks down: the collectors, PostgreSQL, the Kafka broker, this JVM (the driver). */
    private static Map<String, Long> watched(List<ServiceProcess> collectors, LocalPlatform platform) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (int k = 0; k < collectors.size(); k++) {
            pids.put("collector " + k, collectors.get(k).pid());
        }
        pids.put("postgres", CpuShares.postmaster(platform.postgres.dataDir()));
        pids.put("kafka", platform.kafka.pid());
        pids.put("driver", ProcessHandle.current().pid());
        return pids;
    }

    /** CPU time the collector processes have used so far (user and system), in nanoseconds. */
    private static long cpuNanos(List<ServiceProcess> collectors) {
        return collectors.stream().mapToLong(c -> ProcessHandle.of(c.pid())
                .flatMap(h -> h.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L)).sum();
    }

    /** The rate between the first sample with progress and the one that reached the end (startup excluded). */
    private static String sustained(List<long[]> samples, long total) {
        long[] first = null;
        long[] last = samples.get(samples.size() - 1);
        for (long[] s : samples) {
            if (s[1] > 0) {
                first = s;
                break;
            }
        }
        if (first == null || last == first) {
            return "sustained ingest: not measurable (" + last[1] + " of " + total + " stored)";
        }
        double seconds = (last[0] - first[0]) / 1e9;
        // The middle 80 % of the backlog, away from JIT warm-up and the tail.
        long[] p10 = null;
        long[] p90 = null;
        for (long[] s : samples) {
            if (p10 == null && s[1] >= total / 10) {
                p10 = s;
            }
            if (p90 == null && s[1] >= total * 9 / 10) {
                p90 = s;
            }
        }
        String middle = p10 != null && p90 != null && p90 != p10
                ? String.format("; middle 80%%: %,.0f records/s", (p90[1] - p10[1]) / ((p90[0] - p10[0]) / 1e9)) : "";
        return String.format("sustained ingest: %,d records in %.1f s = %,.0f records/s end to end (Kafka -> PostgreSQL"
                + " commit)%s; stored %,d of %,d", last[1] - first[1], seconds, (last[1] - first[1]) / seconds, middle, last[1], total);
    }

    /** Records whose positions are stored (0 before the collector has created its tables). */
    private static long stored(Connection db) {
        try {
            return TestSupport.longOf(db, "SELECT coalesce(sum(next_offset), 0) FROM consumer_offsets");
        } catch (AssertionError e) {
            return 0;
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, StreamGenerator stream) {
        for (StreamGenerator.Item item : stream.next()) {
            producer.send(new ProducerRecord<>(item.topic(), item.key(), item.value()));
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
        return new KafkaProducer<>(p);
    }

    private static String grep(String metrics, String... names) {
        List<String> found = new ArrayList<>();
        for (String line : metrics.split("\n")) {
            for (String n : names) {
                if (line.startsWith(n + " ") || line.startsWith(n + "{")) {
                    found.add(line);
                }
            }
        }
        return String.join("; ", found);
    }

    /** The options whose name starts with {@code prefix}, by name ({@code strip}: without the prefix). */
    private static Map<String, String> withPrefix(Map<String, String> opts, String prefix, boolean strip) {
        Map<String, String> chosen = new LinkedHashMap<>();
        opts.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                chosen.put(strip ? key.substring(prefix.length()) : key, value);
            }
        });
        return chosen;
    }
}
