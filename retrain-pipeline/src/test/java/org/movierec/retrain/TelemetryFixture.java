package org.movierec.retrain;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.movierec.core.data.Ratings;

/** Writes ratings into the telemetry {@code ratings} table, as the collector would. */
public final class TelemetryFixture {

    private TelemetryFixture() {
    }

    /** Inserts every rating of {@code ratings} (user ids must be integers). */
    public static void insert(String jdbcUrl, String user, String password, Ratings ratings) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO ratings (user_id, movie_id, rating, rated_at) VALUES (?, ?, ?, ?)")) {
                for (int r = 0; r < ratings.size(); r++) {
                    st.setLong(1, Long.parseLong(ratings.users().idAt(ratings.user(r))));
                    st.setString(2, ratings.items().idAt(ratings.item(r)));
                    st.setShort(3, (short) Math.round(ratings.value(r)));
                    st.setTimestamp(4, Timestamp.from(Instant.ofEpochSecond(ratings.time(r))));
                    st.addBatch();
                    if (r % 10_000 == 9_999) {
                        st.executeBatch();
                    }
                }
                st.executeBatch();
            }
            c.commit();
        }
    }

    /** Inserts one row as it is (for data-quality cases). */
    public static void insert(String jdbcUrl, String user, String password, long userId, String movieId, int rating,
                              Instant at) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
             PreparedStatement st = c.prepareStatement(
                     "INSERT INTO ratings (user_id, movie_id, rating, rated_at) VALUES (?, ?, ?, ?)")) {
            st.setLong(1, userId);
            st.setString(2, movieId);
            st.setShort(3, (short) rating);
            st.setTimestamp(4, Timestamp.from(at));
            st.executeUpdate();
        }
    }
}
