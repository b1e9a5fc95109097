package org.movierec.router.experiments;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.movierec.router.assignment.CurrentRouting;

/**
 * Reads the running experiment from MongoDB every {@code router.experiments-poll-interval} (2 s) and
 * puts its routing in force, so every replica follows a change within seconds. A failed read or a
 * malformed experiment keeps the routing in force and is logged and counted
 * ({@code router.experiments.poll.failures}).
 */
@ApplicationScoped
public class ExperimentsPoller {

    private static final Logger LOG = Logger.getLogger(ExperimentsPoller.class);

    @Inject
    ExperimentStore store;

    @Inject
    CurrentRouting routing;

    @Inject
    MeterRegistry registry;

    void start(@Observes StartupEvent event) {
        poll();
    }

    @Scheduled(every = "${router.experiments-poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPoll() {
        poll();
    }

    /** Reads the running experiment now; true when it was read and is in force. */
    public synchronized boolean poll() {
        try {
            routing.update(store.running());
            return true;
        } catch (RuntimeException e) {
            registry.counter("router.experiments.poll.failures").increment();
            LOG.warnf("experiments not read, the routing in force stays: %s", e.getMessage());
            return false;
        }
    }
}
