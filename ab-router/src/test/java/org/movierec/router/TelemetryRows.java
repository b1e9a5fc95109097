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

    public static Connection connect() throws SQLException {
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
            try (PreparedStatement served = c.prepareStatement(SERVED)) {
                for (int i = 0; i < requests; i++) {
                    bindServed(served, now, firstUser + i, experiment, arm, version, latencyMs,
                            watchEvery > 0 && i % watchEvery == 0);
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

    /**
     * Inserts one answer at {@code at} for each of {@code users} users ({@code firstUser..}) of {@code arm}, served by
     * {@code version} in {@code latencyMs}; exactly round(users × watchedShare) of them watched, spread evenly (user
     * i is watched when ⌊(i + 1)·share⌋ &gt; ⌊i·share⌋), so the arm's watch-through is known exactly.
     */
    public static void insertAnswers(Instant at, String experiment, String arm, String version, long firstUser,
            int users, double watchedShare, double latencyMs) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement served = c.prepareStatement(SERVED)) {
                for (int i = 0; i < users; i++) {
                    boolean watched = Math.floor((i + 1) * watchedShare) > Math.floor(i * watchedShare);
                    bindServed(served, at, firstUser + i, experiment, arm, version, latencyMs, watched);
                    served.addBatch();
                }
                served.executeBatch();
            }
            c.commit();
        }
    }

    /** One answer of {@code user} at {@code at} (a late event: its time is older than its arrival). */
    public static void insertAnswer(Connection c, Instant at, String experiment, String arm, String version, long user,
            boolean watched) throws SQLException {
        try (PreparedStatement served = c.prepareStatement(SERVED)) {
            bindServed(served, at, user, experiment, arm, version, 5.0, watched);
            served.executeUpdate();
        }
    }

    private static final String SERVED = """
            INSERT INTO served_recommendations (served_at, request_id, user_id, experiment, arm, model_version,
                items, latency_ms, status, fallback, watched_at, watched_movie)
            VALUES (?, ?, ?, ?, ?, ?, ARRAY['m1','m2'], ?, 200, false, ?, ?)""";

    private static void bindServed(PreparedStatement served, Instant at, long user, String experiment, String arm,
            String version, double latencyMs, boolean watched) throws SQLException {
        served.setTimestamp(1, Timestamp.from(at));
        served.setString(2, UUID.randomUUID().toString());
        served.setLong(3, user);
        served.setString(4, experiment);
        served.setString(5, arm);
        served.setString(6, version);
        served.setDouble(7, latencyMs);
        served.setTimestamp(8, watched ? Timestamp.from(at.plusSeconds(60)) : null);
        served.setString(9, watched ? "m1" : null);
    }

    /**
     * Inserts {@code ratingsPerUser} ratings for each of {@code users} users of {@code userArm} as the collector writes
     * them: {@code online_predictions} with the prediction of the user's own arm's version, and
     * {@code experiment_predictions} with both arms' predictions of the same rating. Ratings are 1..5 (seeded); the
     * treatment's prediction errs by N(0, sdTreatment), control's by N(0, sdControl).
     */
    public static void insertPairedRatings(Instant at, String experiment, String userArm, String treatmentVersion,
            String controlVersion, long firstUser, int users, int ratingsPerUser, double sdTreatment, double sdControl,
            long seed) throws SQLException {
        Random random = new Random(seed);
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement online = c.prepareStatement("""
                    INSERT INTO online_predictions (time, user_id, movie_id, rating, predicted, model_version, experiment, arm)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""");
                    PreparedStatement paired = c.prepareStatement("""
                    INSERT INTO experiment_predictions (time, user_id, movie_id, rating, experiment, user_arm, arm,
                        model_version, predicted)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (int u = 0; u < users; u++) {
                    for (int k = 0; k < ratingsPerUser; k++) {
                        long user = firstUser + u;
                        String movie = "movie-" + k;
                        int rating = 1 + random.nextInt(5);
                        float treatment = (float) (rating + sdTreatment * random.nextGaussian());
                        float control = (float) (rating + sdControl * random.nextGaussian());
                        boolean inTreatment = userArm.equals("treatment");
                        online.setTimestamp(1, Timestamp.from(at));
                        online.setLong(2, user);
                        online.setString(3, movie);
                        online.setFloat(4, rating);
                        online.setFloat(5, inTreatment ? treatment : control);
                        online.setString(6, inTreatment ? treatmentVersion : controlVersion);
                        online.setString(7, experiment);
                        online.setString(8, userArm);
                        online.addBatch();
                        for (String arm : new String[] {"treatment", "control"}) {
                            paired.setTimestamp(1, Timestamp.from(at));
                            paired.setLong(2, user);
                            paired.setString(3, movie);
                            paired.setFloat(4, rating);
                            paired.setString(5, experiment);
                            paired.setString(6, userArm);
                            paired.setString(7, arm);
                            paired.setString(8, arm.equals("treatment") ? treatmentVersion : controlVersion);
                            paired.setFloat(9, arm.equals("treatment") ? treatment : control);
                            paired.addBatch();
                        }
                    }
                }
                online.executeBatch();
                paired.executeBatch();
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
