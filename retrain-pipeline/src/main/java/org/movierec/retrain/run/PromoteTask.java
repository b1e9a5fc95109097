package org.movierec.retrain.run;

import java.util.Map;
import org.movierec.retrain.promote.PromoteStage;
import org.movierec.retrain.promote.Promotion;

/** {@code promote}: the gates, then a direct release or a canary experiment. */
final class PromoteTask implements StageTask {

    @Override
    public Map<String, Object> run(RunContext context) throws Exception {
        RunServices services = context.services();
        Promotion promotion = PromoteStage.promote(services.registry().get(), services.releaser(), context.version(),
                context.evaluation(), context.fairness(), context.params(), context.promotion(), services.canary(),
                context.requestedBy());
        PromoteStage.write(promotion, context.layout());
        context.promoted(promotion);
        return promotion.toMap();
    }
}
