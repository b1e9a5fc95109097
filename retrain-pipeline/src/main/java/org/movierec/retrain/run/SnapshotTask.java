package org.movierec.retrain.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.retrain.snapshot.Snapshot;
import org.movierec.retrain.snapshot.SnapshotStage;

/** {@code snapshot}: the ratings up to the cutoff, the users and the catalog; an empty snapshot fails the run. */
final class SnapshotTask implements StageTask {

    @Override
    public Map<String, Object> run(RunContext context) throws Exception {
        RunServices services = context.services();
        Snapshot snapshot = SnapshotStage.take(services.jdbcUrl(), services.dbUser(), services.dbPassword(),
                context.cutoff(), services.directory().fetch(), context.params().scale());
        if (snapshot.ratings().size() == 0) {
            throw new IllegalStateException("no ratings at or before " + context.cutoff());
        }
        SnapshotStage.write(snapshot, context.layout());
        context.took(snapshot);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("quality", snapshot.quality());
        return summary;
    }
}
