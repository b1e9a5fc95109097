package org.movierec.retrain.run;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a run ended.
 *
 * @param runId         the run
 * @param status        succeeded, failed or rejected
 * @param stage         the last stage reached (the failing one for a failed run)
 * @param error         why it failed, or {@code null}
 * @param version       the registered version, or {@code null} if the run failed before registering
 * @param promoted      whether the version reached users
 * @param promotionMode {@code direct}, {@code canary} or {@code none}
 * @param experimentId  the canary experiment, or {@code null}
 * @param reasons       why it was not promoted (gate failures)
 * @param metrics       {@code metrics.json}'s content, or empty
 * @param stageSeconds  seconds per completed stage, in order
 * @param startedAt     start
 * @param finishedAt    end
 */
public record RunOutcome(String runId, RunStatus status, Stage stage, String error, String version, boolean promoted,
                         String promotionMode, String experimentId, List<String> reasons, Map<String, Object> metrics,
                         Map<String, Double> stageSeconds, Instant startedAt, Instant finishedAt) {

    public RunOutcome {
        reasons = List.copyOf(reasons);
        metrics = new LinkedHashMap<>(metrics);
        stageSeconds = new LinkedHashMap<>(stageSeconds);
    }

    public double durationSeconds() {
        return Duration.between(startedAt, finishedAt).toMillis() / 1000.0;
    }
}
