package org.movierec.retrain.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.core.model.SvdModel;
import org.movierec.registry.ModelVersion;
import org.movierec.retrain.evaluate.Evaluation;
import org.movierec.retrain.register.Lineage;
import org.movierec.retrain.register.RegisterStage;

/** {@code register}: the candidate as a new version in the model registry, with its lineage. */
final class RegisterTask implements StageTask {

    @Override
    public Map<String, Object> run(RunContext context) throws Exception {
        Evaluation evaluation = context.evaluation();
        Map<String, Object> lineage = Lineage.of(context.runId(), context.layout(), context.snapshot(), evaluation,
                context.fairness(), context.params());
        SvdModel model = context.model();
        ModelVersion version = RegisterStage.register(context.services().registry().get(), context.layout(),
                model.hyperparameters(), evaluation.candidate().toMetrics(), lineage);
        context.registered(version);
        RegisterStage.write(version, context.layout());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("version", version.version());
        return summary;
    }
}
