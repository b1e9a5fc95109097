package org.movierec.retrain.run;

import java.util.List;
import java.util.Locale;
import org.movierec.retrain.RunLayout;

/**
 * The pipeline's stages in order, with what {@code dvc.yaml} says of each: the command, dependencies,
 * parameter sections, outputs and metrics files (paths of {@link RunLayout}). The repository's
 * {@code dvc.yaml} is {@link DvcYaml#text()}; a test keeps them equal.
 */
public enum Stage {
    SNAPSHOT(List.of(), List.of("snapshot"), List.of(RunLayout.SNAPSHOT), List.of(RunLayout.QUALITY), true),
    SPLIT(List.of(RunLayout.SNAPSHOT), List.of("split"), List.of(RunLayout.SPLIT), List.of(), false),
    TRAIN(List.of(RunLayout.SPLIT), List.of("snapshot", "train"), List.of(RunLayout.MODEL), List.of(), false),
    EVALUATE(List.of(RunLayout.SPLIT, RunLayout.MODEL), List.of("snapshot", "evaluate"), List.of(),
            List.of(RunLayout.METRICS), true),
    FAIRNESS(List.of(RunLayout.SNAPSHOT, RunLayout.SPLIT, RunLayout.MODEL), List.of("fairness"), List.of(),
            List.of(RunLayout.FAIRNESS), false),
    REGISTER(List.of(RunLayout.SNAPSHOT, RunLayout.SPLIT, RunLayout.MODEL, RunLayout.METRICS, RunLayout.FAIRNESS),
            List.of(), List.of(), List.of(), true, List.of(RunLayout.REGISTERED)),
    PROMOTE(List.of(RunLayout.REGISTERED, RunLayout.METRICS, RunLayout.FAIRNESS), List.of("promote"), List.of(),
            List.of(), true, List.of(RunLayout.PROMOTION));

    private final List<String> deps;
    private final List<String> paramSections;
    private final List<String> outs;
    private final List<String> metrics;
    private final boolean alwaysChanged;
    private final List<String> reports;

    Stage(List<String> deps, List<String> paramSections, List<String> outs, List<String> metrics,
          boolean alwaysChanged) {
        this(deps, paramSections, outs, metrics, alwaysChanged, List.of());
    }

    Stage(List<String> deps, List<String> paramSections, List<String> outs, List<String> metrics,
          boolean alwaysChanged, List<String> reports) {
        this.reports = reports;
        this.deps = deps;
        this.paramSections = paramSections;
        this.outs = outs;
        this.metrics = metrics;
        this.alwaysChanged = alwaysChanged;
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

    /** Cached outputs. */
    public List<String> outs() {
        return outs;
    }

    /** Metrics and report files (small JSON, kept in Git rather than the cache). */
    public List<String> metrics() {
        return metrics;
    }

    /** Uncached outputs that are not metrics (what was registered, what was promoted). */
    public List<String> reports() {
        return reports;
    }

    /**
     * Whether the stage reads something DVC cannot hash (the database, the user API, the registry), so
     * {@code dvc repro} must always run it.
     */
    public boolean alwaysChanged() {
        return alwaysChanged;
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
