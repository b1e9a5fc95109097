package org.movierec.retrain.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.core.split.Split;
import org.movierec.retrain.split.SplitStage;

/** {@code split}: the snapshot's ratings into train and test. */
final class SplitTask implements StageTask {

    @Override
    public Map<String, Object> run(RunContext context) throws Exception {
        Split split = SplitStage.split(context.snapshot().ratings(), context.params());
        SplitStage.write(split, context.layout());
        context.made(split);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("train", split.train().size());
        summary.put("test", split.test().size());
        return summary;
    }
}
