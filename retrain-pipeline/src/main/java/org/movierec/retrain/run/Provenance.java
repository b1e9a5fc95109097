package org.movierec.retrain.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.retrain.dvc.DvcCache;
import org.movierec.retrain.dvc.DvcHash;
import org.movierec.retrain.dvc.DvcIgnore;
import org.movierec.retrain.dvc.DvcLock;
import org.movierec.retrain.dvc.DvcOutput;
import org.movierec.retrain.RunLayout;
import org.movierec.retrain.params.RetrainParams;

/**
 * A run's DVC record: after each stage, all its outputs (metrics and reports included) go into the DVC cache
 * (content-addressed, read-only objects, usable as a DVC remote) and its entry into the run's {@code dvc.lock}
 * (rewritten after every stage, so a failed run's lock holds the stages that completed). Directories are hashed
 * with the run directory's {@code .dvcignore} (DVC's built-in patterns when there is none), as DVC hashes them
 * in a workspace.
 */
public final class Provenance {

    private final RunLayout layout;
    private final DvcCache cache;
    private final RetrainParams params;
    private final DvcLock lock = new DvcLock();
    private final Map<String, DvcOutput> known = new HashMap<>();
    private final DvcIgnore ignore;

    public Provenance(RunLayout layout, DvcCache cache, RetrainParams params) throws IOException {
        this.layout = layout;
        this.cache = cache;
        this.params = params;
        this.ignore = DvcIgnore.of(layout.dir());
    }

    /** Records {@code stage} once it has written its outputs. */
    public void record(Stage stage) throws IOException {
        List<DvcOutput> deps = new ArrayList<>();
        for (String dep : stage.deps()) {
            DvcOutput d = known.get(dep);
            deps.add(d != null ? d : DvcHash.of(layout.path(dep), dep, ignore));
        }
        List<DvcOutput> outs = new ArrayList<>();
        for (String out : concat(stage.outs(), stage.metrics())) {
            outs.add(remember(cache.store(layout.path(out), out, ignore)));
        }
        Map<String, Map<String, Object>> p = new LinkedHashMap<>();
        Map<String, Object> values = params.section(stage.paramSections().toArray(String[]::new));
        if (!values.isEmpty()) {
            p.put(RunLayout.PARAMS, values);
        }
        lock.stage(stage.wireName(), new DvcLock.Stage(stage.cmd(), deps, p, outs));
        Files.writeString(layout.path(RunLayout.DVC_LOCK), lock.toYaml(), StandardCharsets.UTF_8);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private DvcOutput remember(DvcOutput out) {
        known.put(out.path(), out);
        return out;
    }

    /** The hash recorded for {@code path}, if a stage wrote it. */
    public DvcOutput output(String path) {
        return known.get(path);
    }

    /** The lock text so far. */
    public String lockText() {
        return lock.toYaml();
    }
}
