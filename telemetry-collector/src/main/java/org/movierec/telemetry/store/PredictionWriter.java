package org.movierec.telemetry.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Writes {@code online_predictions}: every rating with its serving version's prediction ({@link OnlinePredictions}). */
final class PredictionWriter {

    /** The batch's predicted ratings, COPYed here first. */
    static final StagingTable STAGE = new StagingTable("stage_predictions",
            "t int8, u int8, m text, r float4, p float4, v text, e text, a text");

    private static final String INSERT_FROM = """
            INSERT INTO online_predictions (time, user_id, movie_id, rating, predicted, model_version, experiment, arm)
            SELECT epoch_micros_to_timestamptz(t), u, m, r, p, v, e, a
            FROM %s AS x(t, u, m, r, p, v, e, a)
            ON CONFLICT DO NOTHING""";

    /** The insert from bound arrays (ops-checks runs it on both database paths); the collector inserts from {@link #STAGE}. */
    static final String INSERT = INSERT_FROM.formatted(
            "unnest(?::int8[], ?::int8[], ?::text[], ?::float4[], ?::float4[], ?::text[], ?::text[], ?::text[])");

    static final String INSERT_STAGED = INSERT_FROM.formatted(STAGE.name());

    private PredictionWriter() {
    }

    static void write(WriteTransaction tx, OnlinePredictions.Predicted p) throws SQLException {
        RatingColumns r = p.ratings();
        BinaryCopyRows rows = STAGE.rows(r.size());
        for (int k = 0; k < r.size(); k++) {
            rows.row().int8(r.micros()[k]).int8(r.users()[k]).text(r.movies()[k]).float4(r.ratings()[k])
                    .float4OrNull(p.predicted()[k]).text(p.version()[k]).text(p.experiment()[k]).text(p.arm()[k]);
        }
        tx.copy("predictions_copy", STAGE, rows);
        try (PreparedStatement st = tx.prepare(INSERT_STAGED)) {
            tx.update("predictions", st);
        }
    }
}
