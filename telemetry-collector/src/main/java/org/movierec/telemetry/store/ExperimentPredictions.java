package org.movierec.telemetry.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.movierec.contracts.experiments.ExperimentArm;
import org.movierec.core.model.SvdModel;
import org.movierec.telemetry.quality.ExperimentArms;
import org.movierec.telemetry.quality.ModelCache;

/**
 * Enriches a batch's experiment ratings for {@code experiment_predictions} (telemetry-schema V6): every rating whose
 * serving row ({@link OnlinePredictions}) belongs to an experiment is predicted by the model version of every arm of
 * that experiment, so the arms can be compared on the same ratings (a paired comparison) instead of each on the
 * ratings of its own users.
 *
 * <p>Only ratings in experiments cost anything. The arms come from {@link ExperimentArms} (cached); the models from
 * {@link ModelCache}, the cache the online predictions use, each version fetched once per batch and applied to all
 * its rows in one pass. A rating whose experiment is unknown or malformed, or whose arms cannot be read, gets no rows
 * and is counted by reason; a row whose arm's version cannot be loaded is written without a prediction.
 */
@ApplicationScoped
public class ExperimentPredictions {

    @Inject
    ExperimentArms experiments;

    @Inject
    ModelCache models;

    /**
     * The rows of {@code experiment_predictions}, column by column (one row per rating and arm).
     *
     * @param predicted the arm's version's prediction, null when that version cannot be loaded
     */
    record Rows(long[] micros, long[] users, String[] movies, float[] ratings, String[] experiments,
            String[] userArms, String[] arms, String[] versions, Float[] predicted) {

        int size() {
            return users.length;
        }
    }

    /**
     * The rows of a batch and the ratings that got none.
     *
     * @param skipped ratings of an experiment without rows, by reason ({@link ExperimentArms#SKIP_REASONS})
     */
    record Predicted(Rows rows, Map<String, Integer> skipped) {
    }

    /** One row to be: the rating (an index into the batch's ratings) and the arm that predicts it. */
    private record Pending(int rating, ExperimentArm arm) {
    }

    Predicted predict(OnlinePredictions.Predicted serving) {
        String[] experiment = serving.experiment();
        Map<String, ExperimentArms.Lookup> lookups = new HashMap<>();
        Map<String, Integer> skipped = new LinkedHashMap<>();
        List<Pending> pending = new ArrayList<>();
        for (int k = 0; k < experiment.length; k++) {
            if (experiment[k] == null) {
                continue;
            }
            ExperimentArms.Lookup lookup = lookups.computeIfAbsent(experiment[k], experiments::lookup);
            if (lookup instanceof ExperimentArms.Lookup.Found found) {
                for (ExperimentArm arm : found.arms()) {
                    pending.add(new Pending(k, arm));
                }
            } else if (lookup instanceof ExperimentArms.Lookup.Skipped why) {
                skipped.merge(why.reason(), 1, Integer::sum);
            }
        }
        return new Predicted(rows(serving, pending), skipped);
    }

    private Rows rows(OnlinePredictions.Predicted serving, List<Pending> pending) {
        RatingColumns ratings = serving.ratings();
        int n = pending.size();
        Rows rows = new Rows(new long[n], new long[n], new String[n], new float[n], new String[n], new String[n],
                new String[n], new String[n], new Float[n]);
        Map<String, List<Integer>> rowsByVersion = new HashMap<>();
        for (int j = 0; j < n; j++) {
            Pending p = pending.get(j);
            int k = p.rating();
            rows.micros()[j] = ratings.micros()[k];
            rows.users()[j] = ratings.users()[k];
            rows.movies()[j] = ratings.movies()[k];
            rows.ratings()[j] = ratings.ratings()[k];
            rows.experiments()[j] = serving.experiment()[k];
            rows.userArms()[j] = serving.arm()[k];
            rows.arms()[j] = p.arm().name();
            rows.versions()[j] = p.arm().modelVersion();
            rowsByVersion.computeIfAbsent(p.arm().modelVersion(), v -> new ArrayList<>()).add(j);
        }
        rowsByVersion.forEach((version, indexes) -> {
            Optional<SvdModel> model = models.model(version);
            if (model.isEmpty()) {
                return; // predicted stays null: the version cannot be loaded now
            }
            for (int j : indexes) {
                rows.predicted()[j] = (float) model.get().predict(Long.toString(rows.users()[j]), rows.movies()[j]);
            }
        });
        return rows;
    }
}
