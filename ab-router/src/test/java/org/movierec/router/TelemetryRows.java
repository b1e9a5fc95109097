package org.movierec.router;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.movierec.telemetry.schema.TelemetrySchema;
import org.movierec.testkit.PostgresTestResource;

/**
 * Generates telemetry into the test database as the collector would write it: served recommendations
 * and online predictions of one arm of one experiment, with prediction errors drawn from a seeded normal
 * distribution of a chosen standard deviation.
 */
public final class TelemetryRows {

    private TelemetryRows() {
    }

    static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(config(PostgresTestResource.JDBC_URL), config(PostgresTestResource.USERNAME),
                config(PostgresTestResource.PASSWORD));
    }

    /** Creates the telemetry tables (once per database; Flyway skips what is applied). */
    public static void migrate() {
        TelemetrySchema.migrate(config(PostgresTestResource.JDBC_URL), config(PostgresTestResource.USERNAME),
                config(PostgresTestResource.PASSWORD), "auto");
    }

    /**
     * Inserts {@code requests} answered requests (users {@code firstUser..}, one each, every
     * {@code watchEvery}-th watched; latency {@code latencyMs}) and {@code ratings} online predictions whose
     * errors are N(0, errorSd), for arm {@code arm} of {@code experiment}, served by {@code version}.
     */
    public static void insert(String experiment, String arm, String version, long firstUser, int requests,
            int watchEvery, double latencyMs, int ratings, double errorSd, long seed) throws SQLException {
        insertAt(Instant.now(), experiment, arm, version, firstUser, requests, watchEvery, latencyMs, ratings, errorSd,
                seed);
    }

    /** {@link #insert}, every row at time {@code now} (watches a minute later). */
    public static void insertAt(Instant now, String experiment, String arm, String version, long firstUser,
            int requests, int watchEvery, double latencyMs, int ratings, double errorSd, long seed) throws SQLException {
        Random random = new Random(seed);
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement served = c.prepareStatement("""
                    INSERT INTO served_recommendations (served_at, request_id, user_id, experiment, arm, model_version,
                        items, latency_ms, status, fallback, watched_at, watched_movie)
                    VALUES (?, ?, ?, ?, ?, ?, ARRAY['m1','m2'], ?, 200, false, ?, ?)""")) {
                for (int i = 0; i < requests; i++) {
                    boolean watched = watchEvery > 0 && i % watchEvery == 0;
                    served.setTimestamp(1, Timestamp.from(now));
                    served.setString(2, UUID.randomUUID().toString());
                    served.setLong(3, firstUser + i);
                    served.setString(4, experiment);
                    served.setString(5, arm);
                    served.setString(6, version);
                    served.setDouble(7, latencyMs);
                    served.setTimestamp(8, watched ? Timestamp.from(now.plusSeconds(60)) : null);
                    served.setString(9, watched ? "m1" : null);
                    served.addBatch();
                }
                served.executeBatch();
            }
            try (PreparedStatement predictions = c.prepareStatement("""
                    INSERT INTO online_predictions (time, user_id, movie_id, rating, predicted, model_version, experiment, arm)
                    VALUES (?, ?, ?, 3, ?, ?, ?, ?)""")) {
                for (int i = 0; i < ratings; i++) {
                    predictions.setTimestamp(1, Timestamp.from(now));
                    predictions.setLong(2, firstUser + i);
                    predictions.setString(3, "movie-" + i);
                    predictions.setFloat(4, (float) (3 + errorSd * random.nextGaussian()));
                    predictions.setString(5, version);
                    predictions.setString(6, experiment);
                    predictions.setString(7, arm);
                    predictions.addBatch();
                }
                predictions.executeBatch();
            }
            c.commit();
        }
    }

    /** The sum of squared errors (predicted − rating)² of an arm, as stored (for reference values). */
    public static double[] countAndMeanSquaredError(String experiment, String arm) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*), avg(((predicted - rating)::float8)^2) FROM online_predictions WHERE experiment = ? AND arm = ?")) {
            s.setString(1, experiment);
            s.setString(2, arm);
            try (var r = s.executeQuery()) {
                r.next();
                return new double[] {r.getLong(1), r.getDouble(2)};
            }
        }
    }
}
