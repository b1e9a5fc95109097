package org.movierec.retrain.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.core.data.RatingScale;
import org.movierec.retrain.RunLayout;
import org.movierec.telemetry.schema.TelemetrySchema;
import org.movierec.testkit.PostgresServer;

/** The snapshot's watches against real PostgreSQL with the telemetry schema, rows as the collector stores them. */
class SnapshotWatchesTest {

    static final Instant CUTOFF = Instant.parse("2026-11-20T00:00:00Z");
    static PostgresServer postgres;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.builder().database("movierec").build();
        postgres.start();
        TelemetrySchema.migrate(postgres.jdbcUrl(), postgres.user(), postgres.password(), "auto");
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO ratings (user_id, movie_id, rating, rated_at) VALUES (?, ?, ?, ?)")) {
                st.setLong(1, 2);
                st.setString(2, "b+movie");
                st.setShort(3, (short) 4);
                st.setTimestamp(4, Timestamp.from(CUTOFF.minusSeconds(3600)));
                st.executeUpdate();
            }
            // user 10 sorts after user 2 numerically (not as text); "B+movie" before "a+movie" by code point
            watch(c, 10, "a+movie", "{[0,3)}", 3, CUTOFF.minusSeconds(100));
            watch(c, 2, "b+movie", "{[0,5),[7,9)}", 7, CUTOFF.minusSeconds(7200));
            watch(c, 2, "B+movie", "{[0,1)}", 1, CUTOFF.minusSeconds(50));
            watch(c, 3, "a+movie", "{[0,2)}", 2, CUTOFF.plusSeconds(1)); // after the cutoff
            watch(c, 777, "a+movie", "{[0,2)}", 2, CUTOFF.minusSeconds(10)); // unknown user
            watch(c, 3, "no+such+movie", "{[0,2)}", 2, CUTOFF.minusSeconds(10)); // unknown movie
        }
    }

    static void watch(Connection c, long user, String movie, String minutes, int count, Instant first) throws Exception {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO watch_sessions (user_id, movie_id, first_at, last_at,"
                + " minutes, minutes_watched, max_minute) VALUES (?, ?, ?, ?, ?::int4multirange, ?, ?)")) {
            st.setLong(1, user);
            st.setString(2, movie);
            st.setTimestamp(3, Timestamp.from(first));
            st.setTimestamp(4, Timestamp.from(first.plusSeconds(60L * count)));
            st.setString(5, minutes);
            st.setInt(6, count);
            st.setInt(7, count - 1);
            st.executeUpdate();
        }
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    static Directory directory() {
        Map<String, UserProfile> users = Map.of("2", new UserProfile("2", 30, "F", "other"),
                "3", new UserProfile("3", 40, "M", "other"), "10", new UserProfile("10", 20, "F", "other"));
        Map<String, MovieInfo> movies = Map.of("a+movie", new MovieInfo("a+movie", "A", List.of(), "2000-01-01", 1.0),
                "b+movie", new MovieInfo("b+movie", "b", List.of(), "2000-01-01", 1.0),
                "B+movie", new MovieInfo("B+movie", "B", List.of(), "2000-01-01", 1.0));
        return new Directory(users, movies, "test");
    }

    @Test
    void takesTheWatchesUpToTheCutoffInCanonicalOrderAndCountsThemInTheQualityReport() throws Exception {
        Snapshot s = SnapshotStage.take(postgres.jdbcUrl(), postgres.user(), postgres.password(), CUTOFF, directory(),
                new RatingScale(1, 5));

        assertThat(s.watches()).containsExactly(
                new Watch("2", "B+movie", 1, CUTOFF.minusSeconds(50).getEpochSecond()),
                new Watch("2", "b+movie", 7, CUTOFF.minusSeconds(7200).getEpochSecond()),
                new Watch("10", "a+movie", 3, CUTOFF.minusSeconds(100).getEpochSecond()));
        @SuppressWarnings("unchecked")
        Map<String, Object> watches = (Map<String, Object>) s.quality().get("watches");
        assertThat(watches).containsEntry("rows_read", 5L).containsEntry("rows_kept", 3L).containsEntry("rows_dropped", 2L);
        assertThat(watches.get("dropped").toString()).contains("unknown_user", "unknown_movie");
        assertThat(s.quality()).containsEntry("rows_kept", 1L); // the ratings' counts stay at the top

        RunLayout layout = new RunLayout(work);
        SnapshotStage.write(s, layout);
        List<String> lines = Files.readAllLines(layout.path(RunLayout.SNAPSHOT).resolve(Watches.FILE));
        assertThat(lines).hasSize(3).first().isEqualTo("2\tB+movie\t1\t" + CUTOFF.minusSeconds(50).getEpochSecond());
        assertThat(layout.readJson(RunLayout.QUALITY).get("watches").toString()).contains("rows_kept=3");

        Snapshot read = SnapshotStage.read(layout, new RatingScale(1, 5));
        assertThat(read.watches()).isEqualTo(s.watches());
    }

    @Test
    void aSnapshotWrittenBeforeWatchesWereTakenReadsWithNone() throws Exception {
        Snapshot s = SnapshotStage.take(postgres.jdbcUrl(), postgres.user(), postgres.password(), CUTOFF, directory(),
                new RatingScale(1, 5));
        RunLayout layout = new RunLayout(work);
        SnapshotStage.write(s, layout);
        Files.delete(layout.path(RunLayout.SNAPSHOT).resolve(Watches.FILE));

        assertThat(SnapshotStage.read(layout, new RatingScale(1, 5)).watches()).isEmpty();
    }
}
