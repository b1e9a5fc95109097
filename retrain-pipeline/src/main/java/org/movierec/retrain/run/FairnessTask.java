package org.movierec.retrain.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.retrain.fairness.FairnessReport;
import org.movierec.retrain.fairness.FairnessStage;

/** {@code fairness}: the candidate's audit across the users' demographic groups. */
final class FairnessTask implements StageTask {

    @Override
    public Map<String, Object> run(RunContext context) throws Exception {
        FairnessReport fairness = FairnessStage.audit(context.model(), context.split(),
                context.snapshot().directory(), context.params());
        FairnessStage.write(fairness, context.layout());
        context.audited(fairness);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("passed", fairness.passed());
        summary.put("failed", fairness.failures());
        return summary;
    }
}
