package org.movierec.retrain.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.core.model.SvdModel;
import org.movierec.retrain.train.SparkEngine;
import org.movierec.retrain.train.TrainStage;

/** {@code train}: the candidate model on the train split and the snapshot's watches, by {@code train.engine}. */
final class TrainTask implements StageTask {

    @Override
    public Map<String, Object> run(RunContext context) throws Exception {
        SvdModel model = TrainStage.trainAndWrite(context.layout(), context.split(), context.snapshot().watches(),
                context.params(), SparkEngine.Launch.fromEnvironment());
        context.trained(model);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("engine", context.params().engine().wireName());
        summary.put("model", model.toString());
        return summary;
    }
}
