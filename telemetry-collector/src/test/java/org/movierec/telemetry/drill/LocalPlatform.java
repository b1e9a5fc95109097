package org.movierec.telemetry.drill;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.telemetry.TestSupport;
import org.movierec.testkit.KafkaBroker;
import org.movierec.testkit.MongoServer;
import org.movierec.testkit.PostgresServer;

/**
 * A Kafka broker, PostgreSQL and the registry's MongoDB on loopback, owned by this JVM (so a drill can stop and
 * restart them), and the settings that point a collector process at them.
 */
public final class LocalPlatform implements AutoCloseable {

    public final KafkaBroker kafka;
    public final PostgresServer postgres;
    public final MongoServer mongo;
    private String mongoUri;

    private LocalPlatform(Path dir, int partitions, Map<String, String> postgresConfig) {
        KafkaBroker.Builder kb = KafkaBroker.builder().numPartitions(partitions).maxHeap("768m");
        PostgresServer.Builder pb = PostgresServer.builder().database("movierec")
                // A durable commit: a drill must not lose what a killed collector committed.
                .serverConfig("synchronous_commit", "on");
        postgresConfig.forEach(pb::serverConfig);
        if (dir != null) {
            kb.dataDir(dir.resolve("kafka"));
            pb.dataDir(dir.resolve("postgres"));
        }
        kafka = kb.build();
        postgres = pb.build();
        mongo = MongoServer.builder().build();
    }

    /** Starts the three on temporary data directories; topics get {@code partitions} partitions by default. */
    public static LocalPlatform start(int partitions) {
        return start(partitions, Map.of());
    }

    /** As {@link #start(int)}, PostgreSQL with these server parameters as well. */
    public static LocalPlatform start(int partitions, Map<String, String> postgresConfig) {
        LocalPlatform p = new LocalPlatform(null, partitions, postgresConfig);
        p.kafka.start();
        p.postgres.start();
        p.mongoUri = p.mongo.start();
        p.kafka.createTopic("movielog", partitions);
        p.kafka.createTopic("recsys.served", partitions);
        p.kafka.createTopic("movielog.dlq", 1);
        p.kafka.createTopic("recsys.served.dlq", 1);
        return p;
    }

    public String mongoUri() {
        return mongoUri;
    }

    /** System properties for a collector process. */
    public Map<String, String> collectorSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("telemetry.kafka.bootstrap-servers", kafka.bootstrapServers());
        s.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        s.put("quarkus.datasource.username", postgres.user());
        s.put("quarkus.datasource.password", postgres.password());
        s.put("quarkus.mongodb.connection-string", mongoUri);
        return s;
    }

    public Connection connect() {
        return TestSupport.connect(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            try {
                postgres.close();
            } finally {
                mongo.close();
            }
        }
    }
}
