package org.movierec.telemetry.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.movierec.core.model.SvdModel;
import org.movierec.telemetry.quality.ModelCache;

/**
 * Enriches a batch's ratings for {@code online_predictions}: for each rating, the model version, experiment and arm
 * of the latest list served to its user at or before the rating (this batch's served lists included, so it runs
 * after {@link ServedWriter} in the same transaction), and what that version predicts (fold-in free). A rating of a
 * user never served has no version; one whose version's model cannot be loaded has no prediction.
 */
@ApplicationScoped
public class OnlinePredictions {

    /** For each rating (by index), the latest served list of its user at or before the rating's time. */
    static final String SERVING_OF_RATINGS = """
            SELECT x.i, s.model_version, s.experiment, s.arm
            FROM unnest(?::int4[], ?::int8[], ?::int8[]) AS x(i, u, t)
            JOIN LATERAL (SELECT model_version, experiment, arm FROM served_recommendations s
                          WHERE s.user_id = x.u AND s.served_at <= epoch_micros_to_timestamptz(x.t)
                          ORDER BY s.served_at DESC LIMIT 1) s ON true""";

    @Inject
    ModelCache models;

    /**
     * The ratings with their serving and prediction, column by column, and how many had each outcome.
     *
     * @param predicted the prediction of the serving version, null without one
     */
    record Predicted(RatingColumns ratings, String[] version, String[] experiment, String[] arm, Float[] predicted,
            int withPrediction, int withoutVersion, int modelUnavailable) {
    }

    Predicted predict(WriteTransaction tx, RatingColumns ratings) throws SQLException {
        long[] t = ratings.micros();
        long[] u = ratings.users();
        String[] m = ratings.movies();
        int n = ratings.size();
        String[] version = new String[n];
        String[] experiment = new String[n];
        String[] arm = new String[n];
        int[] index = new int[n];
        for (int k = 0; k < n; k++) {
            index[k] = k;
        }
        try (PreparedStatement st = tx.prepare(SERVING_OF_RATINGS, "int4", index, "int8", u, "int8", t);
                ResultSet rows = st.executeQuery()) {
            while (rows.next()) {
                int k = rows.getInt(1);
                version[k] = rows.getString(2);
                experiment[k] = rows.getString(3);
                arm[k] = rows.getString(4);
            }
        }

        Float[] predicted = new Float[n];
        int withPrediction = 0;
        int withoutVersion = 0;
        int unavailable = 0;
        Map<String, Optional<SvdModel>> byVersion = new HashMap<>();
        for (int k = 0; k < n; k++) {
            if (version[k] == null) {
                withoutVersion++;
                continue;
            }
            Optional<SvdModel> model = byVersion.computeIfAbsent(version[k], models::model);
            if (model.isEmpty()) {
                unavailable++;
                continue;
            }
            predicted[k] = (float) model.get().predict(Long.toString(u[k]), m[k]);
            withPrediction++;
        }
        return new Predicted(ratings, version, experiment, arm, predicted, withPrediction, withoutVersion, unavailable);
    }
}
