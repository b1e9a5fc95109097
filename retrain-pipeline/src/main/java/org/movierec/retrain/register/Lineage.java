package org.movierec.retrain.register;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.retrain.dvc.DvcHash;
import org.movierec.retrain.dvc.DvcIgnore;
import org.movierec.retrain.dvc.DvcOutput;
import org.movierec.retrain.BuildInfo;
import org.movierec.retrain.RunLayout;
import org.movierec.retrain.evaluate.Evaluation;
import org.movierec.retrain.fairness.FairnessReport;
import org.movierec.retrain.params.RetrainParams;
import org.movierec.retrain.snapshot.Snapshot;

/**
 * The provenance a registered version carries ({@code lineage} in the registry, answered by
 * {@code GET /models/{version}/lineage}): training data hash (DVC hash of the snapshot directory), cutoff and
 * row count, the split, params, metrics, fairness, code version, parent version and run id.
 */
public final class Lineage {

    private Lineage() {
    }

    /** The lineage of the model in {@code layout}, hashing its files the DVC way. */
    public static Map<String, Object> of(String runId, RunLayout layout, Snapshot snapshot, Evaluation evaluation,
                                         FairnessReport fairness, RetrainParams params) throws IOException {
        DvcIgnore ignore = DvcIgnore.of(layout.dir());
        DvcOutput data = DvcHash.of(layout.path(RunLayout.SNAPSHOT), RunLayout.SNAPSHOT, ignore);
        DvcOutput split = DvcHash.of(layout.path(RunLayout.SPLIT), RunLayout.SPLIT, ignore);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", runId);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("md5", data.md5());
        d.put("size", data.size());
        d.put("path", RunLayout.SNAPSHOT);
        d.put("cutoff", snapshot.cutoff().toString());
        d.put("rows", snapshot.ratings().size());
        d.put("users", snapshot.ratings().users().size());
        d.put("movies", snapshot.ratings().items().size());
        d.put("rowsRead", snapshot.quality().get("rows_read"));
        d.put("rowsDropped", snapshot.quality().get("rows_dropped"));
        m.put("data", d);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("md5", split.md5());
        s.putAll(evaluation.holdout());
        m.put("split", s);
        m.put("params", nested(params.values()));
        m.put("metrics", evaluation.toMap());
        Map<String, Object> f = new LinkedHashMap<>(fairness.report());
        f.remove("groups"); // per-group rows stay in fairness.json; the disparities summarise them
        m.put("fairness", f);
        m.put("code", BuildInfo.asMap());
        m.put("parentVersion", evaluation.productionVersion());
        return m;
    }

    /** Dotted keys as nested maps ({@code train.factors} → {@code train: {factors}}): MongoDB field names hold no dots. */
    static Map<String, Object> nested(Map<String, Object> flat) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : flat.entrySet()) {
            String[] parts = e.getKey().split("\\.");
            Map<String, Object> at = root;
            for (int i = 0; i < parts.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) at.computeIfAbsent(parts[i], x -> new LinkedHashMap<String, Object>());
                at = next;
            }
            at.put(parts[parts.length - 1], e.getValue());
        }
        return root;
    }
}
