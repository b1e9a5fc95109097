package org.movierec.telemetry.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Writes the two rating tables from the same columns: {@code rating_history} (every rating, once) and
 * {@code ratings} (the latest per user and movie by rating time).
 */
final class RatingWriter {

    static final String INSERT_HISTORY = """
            INSERT INTO rating_history (rated_at, user_id, movie_id, rating)
            SELECT epoch_micros_to_timestamptz(t), u, m, r::smallint
            FROM unnest(?::int8[], ?::int8[], ?::text[], ?::int4[]) AS x(t, u, m, r)
            ON CONFLICT DO NOTHING""";

    static final String UPSERT_LATEST = """
            INSERT INTO ratings AS o (user_id, movie_id, rating, rated_at)
            SELECT DISTINCT ON (u, m) u, m, r::smallint, epoch_micros_to_timestamptz(t)
            FROM unnest(?::int8[], ?::int8[], ?::text[], ?::int4[]) AS x(t, u, m, r)
            ORDER BY u, m, t DESC, r DESC
            ON CONFLICT (user_id, movie_id) DO UPDATE SET rating = excluded.rating, rated_at = excluded.rated_at
            WHERE (excluded.rated_at, excluded.rating) > (o.rated_at, o.rating)""";

    private RatingWriter() {
    }

    static void write(WriteTransaction tx, RatingColumns ratings) throws SQLException {
        Object[] columns = {"int8", ratings.micros(), "int8", ratings.users(), "text", ratings.movies(),
            "int4", ratings.ratings()};
        try (PreparedStatement st = tx.prepare(INSERT_HISTORY, columns)) {
            tx.update("rating_history", st);
        }
        try (PreparedStatement st = tx.prepare(UPSERT_LATEST, columns)) {
            tx.update("ratings", st);
        }
    }
}
