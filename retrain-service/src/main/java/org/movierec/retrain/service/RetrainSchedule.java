package org.movierec.retrain.service;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** The cron trigger ({@code retrain.cron}, env {@code RETRAIN_CRON}; {@code off} disables it). */
@ApplicationScoped
public class RetrainSchedule {

    private static final Logger LOG = Logger.getLogger(RetrainSchedule.class);

    private final RetrainCoordinator coordinator;

    public RetrainSchedule(RetrainCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    /**
     * Every replica fires at the same nominal time; that time is the run's cutoff, so the replicas' triggers are one
     * trigger and start one run ({@link RetrainCoordinator#trigger}), even when one fires after the other's run ended.
     */
    @Scheduled(identity = "retrain-cron", cron = "${retrain.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled(ScheduledExecution execution) {
        TriggerResult result = coordinator.trigger(execution.getScheduledFireTime(), coordinator.defaultPromotion(),
                "cron");
        if (!result.started()) {
            LOG.infof("scheduled retrain skipped: run %s %s", result.runId(), result.reason());
        }
    }
}
