package org.movierec.retrain;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.movierec.core.data.Ratings;
import org.movierec.core.generate.GeneratedData;
import org.movierec.core.generate.GeneratorConfig;
import org.movierec.core.generate.SyntheticDataGenerator;
import org.movierec.platform.notify.SlackNotifier;
import org.movierec.registry.ModelRegistry;
import org.movierec.retrain.params.RetrainParams;
import org.movierec.retrain.promote.PromotionMode;
import org.movierec.retrain.run.RetrainRunner;
import org.movierec.retrain.run.RunConfig;
import org.movierec.retrain.run.RunListener;
import org.movierec.retrain.run.RunOutcome;
import org.movierec.retrain.snapshot.UserApiClient;
import org.movierec.telemetry.schema.TelemetrySchema;
import org.movierec.testkit.MongoServer;
import org.movierec.testkit.PostgresServer;
import org.postgresql.PGConnection;

/**
 * The 1M-rating whole-run benchmark ({@code bench/retrain.sh}): PostgreSQL 17 and mongo-java-server on
 * loopback, {@code --ratings} generated ratings (6,040 users × 3,706 movies, slug ids, group effects) copied
 * into the telemetry {@code ratings} table, users and movies served by the user-API stand-in; then
 * {@code --runs} whole runs (snapshot from PostgreSQL to promote in MongoDB), each printed with its per-stage
 * seconds. The first run has no production model; later ones also score production on the holdout.
 */
public final class RetrainBench {

    private RetrainBench() {
    }

    public static void main(String[] args) throws Exception {
        int ratings = 1_000_000;
        int runs = 2;
        Path work = Path.of("target/bench");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--ratings" -> ratings = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--out" -> work = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--ratings --runs --out)");
            }
        }
        Files.createDirectories(work);
        try (PostgresServer pg = PostgresServer.builder().database("movierec").build();
             MongoServer mongoServer = MongoServer.builder().build()) {
            pg.start();
            TelemetrySchema.migrate(pg.jdbcUrl(), pg.user(), pg.password(), "auto");
            long t0 = System.nanoTime();
            GeneratedData data = SyntheticDataGenerator.generate(GeneratorConfig.of(6040, 3706, ratings, 7)
                    .withGroupEffect(0.3).withSlugIds(true));
            copy(pg, data.ratings());
            System.out.printf(Locale.ROOT, "setup: %,d ratings generated and copied into PostgreSQL in %.1f s%n",
                    ratings, (System.nanoTime() - t0) / 1e9);
            WireMockServer api = UserApiStandIn.start(data);
            try (MongoClient mongo = MongoClients.create(mongoServer.start())) {
                ModelRegistry registry = new ModelRegistry(mongo.getDatabase("movierec"));
                RunConfig config = new RunConfig(work, RetrainParams.ofDefaults(), pg.jdbcUrl(), pg.user(),
                        pg.password(), new UserApiClient(LoopbackWireMock.url(api), Duration.ofSeconds(30))::fetch,
                        registry, null, SlackNotifier.disabled(), (v, reason, by) -> registry.promote(v));
                RetrainRunner runner = new RetrainRunner(config, Clock.systemUTC());
                for (int r = 1; r <= runs; r++) {
                    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                    RunOutcome o = runner.run(new org.movierec.retrain.run.RunRequest("bench-" + r + "-" + System.currentTimeMillis(),
                            Instant.now(), PromotionMode.DIRECT), RunListener.NONE);
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                            "run %d: %s, total %.2f s (load average at start %.2f):", r, o.status().wireName(),
                            o.durationSeconds(), load));
                    for (Map.Entry<String, Double> e : o.stageSeconds().entrySet()) {
                        line.append(String.format(Locale.ROOT, " %s %.2f", e.getKey(), e.getValue()));
                    }
                    System.out.println(line);
                    if (o.error() != null) {
                        System.out.println("  error: " + o.error());
                    }
                    Object candidate = o.metrics().get("candidate");
                    System.out.println("  candidate: " + candidate);
                }
            } finally {
                api.stop();
            }
        }
    }

    /** COPY the ratings into the telemetry table (the fast path; setup, not measured). */
    private static void copy(PostgresServer pg, Ratings ratings) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
            StringBuilder sb = new StringBuilder(ratings.size() * 40);
            for (int r = 0; r < ratings.size(); r++) {
                sb.append(ratings.users().idAt(ratings.user(r))).append('\t')
                        .append(ratings.items().idAt(ratings.item(r))).append('\t')
                        .append(Math.round(ratings.value(r))).append('\t')
                        .append(Instant.ofEpochSecond(ratings.time(r))).append('\n');
            }
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY ratings (user_id, movie_id, rating, rated_at) FROM STDIN", new StringReader(sb.toString()));
        }
    }
}
