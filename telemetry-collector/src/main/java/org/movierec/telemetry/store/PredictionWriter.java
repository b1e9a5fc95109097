package org.movierec.telemetry.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Writes {@code online_predictions}: every rating with its serving version's prediction ({@link OnlinePredictions}). */
final class PredictionWriter {

    static final String INSERT = """
            INSERT INTO online_predictions (time, user_id, movie_id, rating, predicted, model_version, experiment, arm)
            SELECT epoch_micros_to_timestamptz(t), u, m, r, p, v, e, a
            FROM unnest(?::int8[], ?::int8[], ?::text[], ?::float4[], ?::float4[], ?::text[], ?::text[], ?::text[])
                 AS x(t, u, m, r, p, v, e, a)
            ON CONFLICT DO NOTHING""";

    private PredictionWriter() {
    }

    static void write(WriteTransaction tx, OnlinePredictions.Predicted p) throws SQLException {
        int[] r = p.ratings().ratings();
        float[] rating = new float[r.length];
        for (int k = 0; k < r.length; k++) {
            rating[k] = r[k];
        }
        try (PreparedStatement st = tx.prepare(INSERT, "int8", p.ratings().micros(), "int8", p.ratings().users(),
                "text", p.ratings().movies(), "float4", rating, "float4", p.predicted(), "text", p.version(),
                "text", p.experiment(), "text", p.arm())) {
            tx.update("predictions", st);
        }
    }
}
