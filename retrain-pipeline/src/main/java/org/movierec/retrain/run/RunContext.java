package org.movierec.retrain.run;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.movierec.core.model.SvdModel;
import org.movierec.core.split.Split;
import org.movierec.registry.ModelVersion;
import org.movierec.retrain.RunLayout;
import org.movierec.retrain.evaluate.EvaluateStage;
import org.movierec.retrain.evaluate.Evaluation;
import org.movierec.retrain.fairness.FairnessReport;
import org.movierec.retrain.fairness.FairnessStage;
import org.movierec.retrain.params.RetrainParams;
import org.movierec.retrain.promote.Promotion;
import org.movierec.retrain.promote.PromotionMode;
import org.movierec.retrain.register.RegisterStage;
import org.movierec.retrain.snapshot.Snapshot;
import org.movierec.retrain.snapshot.SnapshotStage;
import org.movierec.retrain.split.SplitStage;
import org.movierec.retrain.train.TrainStage;

/**
 * What a {@link StageTask} runs with: the run directory, the parameters, the request, the services, and the
 * products of the earlier stages.
 *
 * <p>A product is kept in memory by the stage that made it, so a whole run ({@link RetrainRunner}) hands each
 * stage's result to the next without reading it back; a product this process did not make (one stage run by
 * {@code bin/retrain}, as {@code dvc repro} does) is read from the run directory, where the earlier stage wrote
 * it. Either way the stage computes from the same values, so both write the same files.
 */
public final class RunContext {

    private final RunLayout layout;
    private final RetrainParams params;
    private final RunRequest request;
    private final String requestedBy;
    private final RunServices services;

    private Snapshot snapshot;
    private Split split;
    private SvdModel model;
    private Evaluation evaluation;
    private FairnessReport fairness;
    private ModelVersion registered;
    private Promotion promotion;

    /**
     * @param layout      the run directory
     * @param params      the pipeline parameters
     * @param request     the run id, the snapshot's cutoff and the promotion mode
     * @param requestedBy who asks for the release, as the release history records it
     * @param services    what the stages use outside the run directory
     */
    public RunContext(RunLayout layout, RetrainParams params, RunRequest request, String requestedBy,
                      RunServices services) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.params = Objects.requireNonNull(params, "params");
        this.request = Objects.requireNonNull(request, "request");
        this.requestedBy = Objects.requireNonNull(requestedBy, "requestedBy");
        this.services = Objects.requireNonNull(services, "services");
    }

    public RunLayout layout() {
        return layout;
    }

    public RetrainParams params() {
        return params;
    }

    public String runId() {
        return request.runId();
    }

    public Instant cutoff() {
        return request.cutoff();
    }

    public PromotionMode promotion() {
        return request.promotion();
    }

    public String requestedBy() {
        return requestedBy;
    }

    public RunServices services() {
        return services;
    }

    /** The snapshot this process took, else the one in the run directory. */
    public Snapshot snapshot() throws IOException {
        if (snapshot == null) {
            snapshot = SnapshotStage.read(layout, params.scale());
        }
        return snapshot;
    }

    /** The split this process made, else the one in the run directory. */
    public Split split() throws IOException {
        if (split == null) {
            split = SplitStage.read(layout, params.scale());
        }
        return split;
    }

    /** The model this process trained, else the one in the run directory. */
    public SvdModel model() throws IOException {
        if (model == null) {
            model = TrainStage.read(layout);
        }
        return model;
    }

    /** The evaluation this process made, else the one in the run directory. */
    public Evaluation evaluation() throws IOException {
        if (evaluation == null) {
            evaluation = EvaluateStage.read(layout);
        }
        return evaluation;
    }

    /** The fairness audit this process made, else the one in the run directory. */
    public FairnessReport fairness() throws IOException {
        if (fairness == null) {
            fairness = FairnessStage.read(layout);
        }
        return fairness;
    }

    /** The version this process registered, else the one the run directory records. */
    public String version() throws IOException {
        return registered != null ? registered.version() : RegisterStage.readVersion(layout);
    }

    // Each task keeps what it made, after writing it; the next stage then takes it from memory.

    void took(Snapshot s) {
        snapshot = s;
    }

    void made(Split s) {
        split = s;
    }

    void trained(SvdModel m) {
        model = m;
    }

    void evaluated(Evaluation e) {
        evaluation = e;
    }

    void audited(FairnessReport f) {
        fairness = f;
    }

    void registered(ModelVersion v) {
        registered = v;
    }

    void promoted(Promotion p) {
        promotion = p;
    }

    // What the runner's outcome and run record need, without reading the run directory (a failed run has not
    // written everything).

    /** The snapshot's quality report if this process took it, else null. */
    Map<String, Object> qualityIfTaken() {
        return snapshot == null ? null : snapshot.quality();
    }

    /** The evaluation if a stage made or read it, else null. */
    Evaluation evaluationIfKnown() {
        return evaluation;
    }

    /** The fairness audit if a stage made or read it, else null. */
    FairnessReport fairnessIfKnown() {
        return fairness;
    }

    /** The version this process registered, else null. */
    ModelVersion registeredIfAny() {
        return registered;
    }

    /** The promotion decision this process made, else null. */
    Promotion promotionIfAny() {
        return promotion;
    }
}
