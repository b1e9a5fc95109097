package org.movierec.retrain.record;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.movierec.retrain.evaluate.Evaluation;
import org.movierec.retrain.fairness.FairnessReport;
import org.movierec.retrain.run.RunOutcome;

/**
 * What one finished run knows that the dashboards need: its outcome and, as far as the run got, the snapshot's
 * quality report, the registered version's creation time, its evaluation and fairness audit.
 *
 * @param outcome           how the run ended
 * @param quality           the snapshot's {@code quality.json} content, or {@code null} if the run failed before
 * @param versionCreatedAt  when the registry registered {@code outcome.version()}, or {@code null} if it did not
 * @param evaluation        the candidate's offline scores, or {@code null} if the run failed before
 * @param fairness          the fairness audit, or {@code null} if the run failed before
 * @param productionVersion the registry's production version after the run, or {@code null} if there is none
 */
public record RunFacts(RunOutcome outcome, Map<String, Object> quality, Instant versionCreatedAt,
                       Evaluation evaluation, FairnessReport fairness, String productionVersion) {

    public RunFacts {
        Objects.requireNonNull(outcome, "outcome");
    }

    /** Whether the run registered a version with everything its row needs. */
    public boolean registeredVersion() {
        return outcome.version() != null && versionCreatedAt != null && evaluation != null && fairness != null;
    }
}
