package org.movierec.retrain.promote;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.movierec.registry.ModelRegistry;
import org.movierec.retrain.RunLayout;
import org.movierec.retrain.evaluate.Evaluation;
import org.movierec.retrain.fairness.FairnessReport;
import org.movierec.retrain.params.RetrainParams;

/**
 * Stage 7, promote: when the {@link Gates} pass, either releases the candidate to production through the
 * {@link Releaser} ({@code direct}; the pointer's only writer, retrain-service's release service) or starts a canary experiment through the router ({@code canary}); when there is no
 * production model yet the first good candidate is promoted directly (a canary needs a control). When a gate
 * fails the version is marked rejected in the registry, with the reasons. Output {@link RunLayout#PROMOTION}.
 */
public final class PromoteStage {

    private PromoteStage() {
    }

    /**
     * Decides and acts.
     *
     * @param registry read for the production version, and to mark a candidate that failed a gate rejected
     * @param releaser releases a candidate directly (never the registry's {@code promote} itself)
     * @param canary the router client; needed only in {@code canary} mode
     * @throws IOException if the router or the releaser refuses or cannot be reached (production is unchanged)
     */
    public static Promotion promote(ModelRegistry registry, Releaser releaser, String version, Evaluation evaluation,
                                    FairnessReport fairness, RetrainParams params, PromotionMode mode,
                                    CanaryClient canary, String requestedBy) throws IOException, InterruptedException {
        List<String> failures = Gates.failures(evaluation, fairness, params);
        Optional<String> current = registry.productionVersion();
        if (!failures.isEmpty()) {
            registry.reject(version, String.join("; ", failures));
            return new Promotion(version, false, "none", null, current.orElse(null), failures);
        }
        if (mode == PromotionMode.CANARY && current.isPresent()) {
            if (canary == null) {
                throw new IllegalStateException("promotion is canary but no router is configured");
            }
            String experiment = canary.start(version, requestedBy);
            return new Promotion(version, true, "canary", experiment, current.get(), List.of());
        }
        String reason = "passed the gates" + (evaluation.production() == null ? " (first production model)"
                : " against production " + evaluation.productionVersion());
        Optional<String> previous = releaser.release(version, reason, requestedBy);
        List<String> notes = mode == PromotionMode.CANARY
                ? List.of("no production model yet: promoted directly (a canary needs a control)") : List.of();
        return new Promotion(version, true, "direct", null, previous.orElse(null), notes);
    }

    public static void write(Promotion promotion, RunLayout layout) throws IOException {
        layout.writeJson(RunLayout.PROMOTION, promotion.toMap());
    }
}
