package org.movierec.telemetry.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Writes the two rating tables from the same columns: {@code rating_history} (every rating, once) and
 * {@code ratings} (the latest per user and movie by rating time).
 */
final class RatingWriter {

    /** The batch's ratings, COPYed here first; both rating tables are written from it. */
    static final StagingTable STAGE = new StagingTable("stage_ratings", "t int8, u int8, m text, r int4");

    private static final String ARRAYS = "unnest(?::int8[], ?::int8[], ?::text[], ?::int4[])";

    private static final String INSERT_HISTORY_FROM = """
            INSERT INTO rating_history (rated_at, user_id, movie_id, rating)
            SELECT epoch_micros_to_timestamptz(t), u, m, r::smallint FROM %s AS x(t, u, m, r)
            ON CONFLICT DO NOTHING""";

    private static final String UPSERT_LATEST_FROM = """
            INSERT INTO ratings AS o (user_id, movie_id, rating, rated_at)
            SELECT DISTINCT ON (u, m) u, m, r::smallint, epoch_micros_to_timestamptz(t)
            FROM %s AS x(t, u, m, r)
            ORDER BY u, m, t DESC, r DESC
            ON CONFLICT (user_id, movie_id) DO UPDATE SET rating = excluded.rating, rated_at = excluded.rated_at
            WHERE (excluded.rated_at, excluded.rating) > (o.rated_at, o.rating)""";

    /** From bound arrays (ops-checks runs these on both database paths); the collector writes from {@link #STAGE}. */
    static final String INSERT_HISTORY = INSERT_HISTORY_FROM.formatted(ARRAYS);

    static final String UPSERT_LATEST = UPSERT_LATEST_FROM.formatted(ARRAYS);

    private RatingWriter() {
    }

    static void write(WriteTransaction tx, RatingColumns ratings) throws SQLException {
        BinaryCopyRows rows = STAGE.rows(ratings.size());
        for (int k = 0; k < ratings.size(); k++) {
            rows.row().int8(ratings.micros()[k]).int8(ratings.users()[k]).text(ratings.movies()[k])
                    .int4(ratings.ratings()[k]);
        }
        tx.copy("ratings_copy", STAGE, rows);
        try (PreparedStatement st = tx.prepare(INSERT_HISTORY_FROM.formatted(STAGE.name()))) {
            tx.update("rating_history", st);
        }
        try (PreparedStatement st = tx.prepare(UPSERT_LATEST_FROM.formatted(STAGE.name()))) {
            tx.update("ratings", st);
        }
    }
}
