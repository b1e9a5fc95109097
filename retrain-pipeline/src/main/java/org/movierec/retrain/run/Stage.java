package org.movierec.retrain.run;

import java.util.List;
import java.util.Locale;
import org.movierec.retrain.RunLayout;

/**
 * The pipeline's stages in order, with what {@code dvc.yaml} says of each: the command, dependencies,
 * parameter sections, outputs and metrics files (paths of {@link RunLayout}). The repository's
 * {@code dvc.yaml} is {@link DvcYaml#text()}; a test keeps them equal. What a stage does is its
 * {@link StageTask} ({@link StageTask#of}), the same for the service's runs and {@code bin/retrain <stage>}.
 *
 * <h2>Everything is cached</h2>
 * <p>Every output, the JSON reports included, goes into the DVC cache (DVC's default {@code cache: true}), so a
 * run's outputs can all be pulled from the service's cache and {@code dvc status} finds none missing; metrics
 * files are still metrics ({@code dvc metrics show} reads them from the workspace).
 *
 * <h2>What DVC re-runs</h2>
 * <ul>
 *   <li>{@code snapshot} and {@code evaluate} are {@code always_changed}: they read what DVC cannot hash (the
 *       ratings table; the registry's production model, which evaluate scores on the same holdout).</li>
 *   <li>{@code split}, {@code train}, {@code fairness}: every input is declared, so DVC re-runs them only when
 *       one changed.</li>
 *   <li>{@code register} and {@code promote} change the model registry (promote: production). They are
 *       {@code frozen} in {@code dvc.yaml}, so {@code dvc repro} on a laptop does not run them when their recorded
 *       outputs are present; and {@code bin/retrain register|promote} refuse to run unless
 *       {@code RETRAIN_REGISTRY_WRITES=yes} (the retrain-service runs them in process, not through the command
 *       line). Their inputs are all declared files, so they are not {@code always_changed}.</li>
 * </ul>
 */
public enum Stage {
    SNAPSHOT(List.of(), List.of("snapshot"), List.of(RunLayout.SNAPSHOT), List.of(RunLayout.QUALITY), true, false),
    SPLIT(List.of(RunLayout.SNAPSHOT), List.of("split"), List.of(RunLayout.SPLIT), List.of(), false, false),
    TRAIN(List.of(RunLayout.SNAPSHOT, RunLayout.SPLIT), List.of("snapshot", "train"), List.of(RunLayout.MODEL), List.of(), false, false),
    EVALUATE(List.of(RunLayout.SPLIT, RunLayout.MODEL), List.of("snapshot", "evaluate"), List.of(),
            List.of(RunLayout.METRICS), true, false),
    FAIRNESS(List.of(RunLayout.SNAPSHOT, RunLayout.SPLIT, RunLayout.MODEL), List.of("fairness"), List.of(),
            List.of(RunLayout.FAIRNESS), false, false),
    REGISTER(List.of(RunLayout.SNAPSHOT, RunLayout.SPLIT, RunLayout.MODEL, RunLayout.METRICS, RunLayout.FAIRNESS),
            List.of(), List.of(RunLayout.REGISTERED), List.of(), false, true),
    PROMOTE(List.of(RunLayout.REGISTERED, RunLayout.METRICS, RunLayout.FAIRNESS), List.of("promote"),
            List.of(RunLayout.PROMOTION), List.of(), false, true);

    private final List<String> deps;
    private final List<String> paramSections;
    private final List<String> outs;
    private final List<String> metrics;
    private final boolean alwaysChanged;
    private final boolean writesRegistry;

    Stage(List<String> deps, List<String> paramSections, List<String> outs, List<String> metrics,
          boolean alwaysChanged, boolean writesRegistry) {
        this.deps = deps;
        this.paramSections = paramSections;
        this.outs = outs;
        this.metrics = metrics;
        this.alwaysChanged = alwaysChanged;
        this.writesRegistry = writesRegistry;
    }

    /** The stage's name in {@code dvc.yaml}, run records and the command line: {@code snapshot}, {@code split}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The command {@code dvc repro} runs. */
    public String cmd() {
        return "bin/retrain " + wireName();
    }

    public List<String> deps() {
        return deps;
    }

    public List<String> paramSections() {
        return paramSections;
    }

    /** Outputs that are not metrics (cached). */
    public List<String> outs() {
        return outs;
    }

    /** Metrics files (small JSON; cached like every output, shown by {@code dvc metrics show}). */
    public List<String> metrics() {
        return metrics;
    }

    /**
     * Whether the stage reads something DVC cannot hash (the database, the registry's production model), so
     * {@code dvc repro} must always run it.
     */
    public boolean alwaysChanged() {
        return alwaysChanged;
    }

    /**
     * Whether the stage writes to the model registry ({@code register}: a new version; {@code promote}: production
     * or a canary): frozen in {@code dvc.yaml} and opt-in on the command line.
     */
    public boolean writesRegistry() {
        return writesRegistry;
    }

    /** The stage named {@code name}. */
    public static Stage parse(String name) {
        for (Stage s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown stage " + name);
    }
}
