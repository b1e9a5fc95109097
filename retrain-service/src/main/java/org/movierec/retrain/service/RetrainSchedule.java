package org.movierec.retrain.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** The cron trigger ({@code retrain.cron}, env {@code RETRAIN_CRON}; {@code off} disables it). */
@ApplicationScoped
public class RetrainSchedule {

    private static final Logger LOG = Logger.getLogger(RetrainSchedule.class);

    private final RetrainCoordinator coordinator;

    public RetrainSchedule(RetrainCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Scheduled(identity = "retrain-cron", cron = "${retrain.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        TriggerResult result = coordinator.trigger(Instant.now(), coordinator.defaultPromotion(), "cron");
        if (!result.started()) {
            LOG.infof("scheduled retrain skipped: run %s is in progress", result.runId());
        }
    }
}
