package org.movierec.telemetry.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Writes {@code experiment_predictions}: every experiment rating with every arm's prediction
 * ({@link ExperimentPredictions}); a replayed row is stored once (its key is the rating's own fields and the arm).
 */
final class ExperimentPredictionWriter {

    static final String INSERT = """
            INSERT INTO experiment_predictions
                   (time, user_id, movie_id, rating, experiment, user_arm, arm, model_version, predicted)
            SELECT epoch_micros_to_timestamptz(t), u, m, r, e, ua, a, v, p
            FROM unnest(?::int8[], ?::int8[], ?::text[], ?::float4[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::float4[]) AS x(t, u, m, r, e, ua, a, v, p)
            ON CONFLICT DO NOTHING""";

    private ExperimentPredictionWriter() {
    }

    /** Inserts the rows; returns how many were new. */
    static int write(WriteTransaction tx, ExperimentPredictions.Rows rows) throws SQLException {
        try (PreparedStatement st = tx.prepare(INSERT, "int8", rows.micros(), "int8", rows.users(),
                "text", rows.movies(), "float4", rows.ratings(), "text", rows.experiments(), "text", rows.userArms(),
                "text", rows.arms(), "text", rows.versions(), "float4", rows.predicted())) {
            return tx.update("experiment_predictions", st);
        }
    }
}
