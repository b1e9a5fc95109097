package org.movierec.retrain.run;

import java.time.Instant;
import java.util.Objects;
import org.movierec.retrain.promote.PromotionMode;

/**
 * One run to do.
 *
 * @param runId     its id (the run directory's name and the lineage's run id)
 * @param cutoff    ratings at or before this moment are taken
 * @param promotion direct or canary
 */
public record RunRequest(String runId, Instant cutoff, PromotionMode promotion) {

    public RunRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(promotion, "promotion");
        if (!runId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new IllegalArgumentException("run id must be 1..100 letters, digits, '.', '_' or '-', got " + runId);
        }
    }
}
