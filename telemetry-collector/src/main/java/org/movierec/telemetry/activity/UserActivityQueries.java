package org.movierec.telemetry.activity;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one user's rows of the telemetry tables, newest first and at most {@code limit} of each kind, in one
 * read-only transaction (a consistent picture while the collector writes). Every query is on the user's key or
 * index ({@code watch_sessions} and {@code ratings} primary keys, {@code served_recommendations_user}), so a
 * look-up costs the user's rows, not the table's.
 */
@ApplicationScoped
public class UserActivityQueries {

    @Inject
    AgroalDataSource dataSource;

    /**
     * @param userId the user
     * @param limit  the most rows of each kind
     * @return the user's activity (empty lists for a user with none)
     * @throws SQLException when the database cannot answer
     */
    public UserActivity of(long userId, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                UserActivity activity = new UserActivity(userId, watches(c, userId, limit), ratings(c, userId, limit),
                        servedLists(c, userId, limit), predictions(c, userId, limit));
                c.commit();
                return activity;
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
                c.setReadOnly(false);
            }
        }
    }

    /** One row of a result as a value. */
    @FunctionalInterface
    private interface Row<T> {
        T of(ResultSet rs) throws SQLException;
    }

    /** The rows of {@code sql}, whose two parameters are the user and the limit. */
    private static <T> List<T> rows(Connection c, String sql, long userId, int limit, Row<T> row) throws SQLException {
        List<T> rows = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, userId);
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.of(rs));
                }
            }
        }
        return rows;
    }

    private static List<UserActivity.Watch> watches(Connection c, long userId, int limit) throws SQLException {
        return rows(c, "SELECT movie_id, minutes_watched, max_minute, first_at, last_at FROM watch_sessions"
                + " WHERE user_id = ? ORDER BY last_at DESC, movie_id LIMIT ?", userId, limit,
                rs -> new UserActivity.Watch(rs.getString(1), rs.getInt(2), rs.getInt(3), iso(rs.getTimestamp(4)),
                        iso(rs.getTimestamp(5))));
    }

    private static List<UserActivity.Rating> ratings(Connection c, long userId, int limit) throws SQLException {
        return rows(c, "SELECT movie_id, rating, rated_at FROM rating_history"
                + " WHERE user_id = ? ORDER BY rated_at DESC, movie_id LIMIT ?", userId, limit,
                rs -> new UserActivity.Rating(rs.getString(1), rs.getInt(2), iso(rs.getTimestamp(3))));
    }

    private static List<UserActivity.ServedList> servedLists(Connection c, long userId, int limit) throws SQLException {
        return rows(c, "SELECT request_id, served_at, model_version, experiment, arm, fallback, items, watched_movie,"
                + " watched_at FROM served_recommendations WHERE user_id = ? AND status = 200"
                + " ORDER BY served_at DESC, request_id LIMIT ?", userId, limit,
                rs -> new UserActivity.ServedList(rs.getString(1), iso(rs.getTimestamp(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getBoolean(6), strings(rs.getArray(7)), rs.getString(8),
                        iso(rs.getTimestamp(9))));
    }

    private static List<UserActivity.Prediction> predictions(Connection c, long userId, int limit) throws SQLException {
        return rows(c, "SELECT movie_id, rating, predicted, model_version, experiment, arm, time FROM online_predictions"
                + " WHERE user_id = ? AND predicted IS NOT NULL ORDER BY time DESC, movie_id LIMIT ?", userId, limit,
                rs -> new UserActivity.Prediction(rs.getString(1), rs.getDouble(2), rs.getDouble(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), iso(rs.getTimestamp(7))));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static String iso(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }
}
