package org.movierec.retrain.run;

import java.util.Map;
import org.movierec.retrain.evaluate.EvaluateStage;
import org.movierec.retrain.evaluate.Evaluation;

/** {@code evaluate}: the candidate and the production model on the same holdout. */
final class EvaluateTask implements StageTask {

    @Override
    public Map<String, Object> run(RunContext context) throws Exception {
        Evaluation evaluation = EvaluateStage.evaluate(context.model(), context.split(),
                context.services().production(), context.params());
        EvaluateStage.write(evaluation, context.layout());
        context.evaluated(evaluation);
        return evaluation.toMap();
    }
}
