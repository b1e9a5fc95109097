package org.movierec.telemetry.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Writes {@code experiment_predictions}: every experiment rating with every arm's prediction
 * ({@link ExperimentPredictions}); a replayed row is stored once (its key is the rating's own fields and the arm).
 */
final class ExperimentPredictionWriter {

    /** The rows, COPYed here first. */
    static final StagingTable STAGE = new StagingTable("stage_experiment_predictions",
            "t int8, u int8, m text, r float4, e text, ua text, a text, v text, p float4");

    private static final String INSERT_FROM = """
            INSERT INTO experiment_predictions
                   (time, user_id, movie_id, rating, experiment, user_arm, arm, model_version, predicted)
            SELECT epoch_micros_to_timestamptz(t), u, m, r, e, ua, a, v, p
            FROM %s AS x(t, u, m, r, e, ua, a, v, p)
            ON CONFLICT DO NOTHING""";

    /** The insert from bound arrays (ops-checks runs it on both database paths); the collector inserts from {@link #STAGE}. */
    static final String INSERT = INSERT_FROM.formatted("""
            unnest(?::int8[], ?::int8[], ?::text[], ?::float4[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::float4[])""");

    static final String INSERT_STAGED = INSERT_FROM.formatted(STAGE.name());

    private ExperimentPredictionWriter() {
    }

    /** Inserts the rows; returns how many were new. */
    static int write(WriteTransaction tx, ExperimentPredictions.Rows rows) throws SQLException {
        BinaryCopyRows copy = STAGE.rows(rows.size());
        for (int k = 0; k < rows.size(); k++) {
            copy.row().int8(rows.micros()[k]).int8(rows.users()[k]).text(rows.movies()[k]).float4(rows.ratings()[k])
                    .text(rows.experiments()[k]).text(rows.userArms()[k]).text(rows.arms()[k])
                    .text(rows.versions()[k]).float4OrNull(rows.predicted()[k]);
        }
        tx.copy("experiment_predictions_copy", STAGE, copy);
        try (PreparedStatement st = tx.prepare(INSERT_STAGED)) {
            return tx.update("experiment_predictions", st);
        }
    }
}
