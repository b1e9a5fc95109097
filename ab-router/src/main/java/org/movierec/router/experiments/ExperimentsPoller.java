package org.movierec.router.experiments;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.movierec.platform.loops.LoopHealth;
import org.movierec.router.assignment.CurrentRouting;

/**
 * Reads the running experiment from MongoDB every {@code router.experiments-poll-interval} (2 s), lets a new one go
 * live once every inference replica serves its arms' versions ({@link GoLive}), and puts its routing in force, so
 * every replica follows a change within seconds. A failed read or a
 * malformed experiment keeps the routing in force and is logged and counted
 * ({@code router.experiments.poll.failures}, and as a restart of the loop {@value #LOOP} in
 * {@code movierec_background_loop_restarts_total}); {@code movierec_background_loop_up{loop="experiments-poller"}}
 * is 0 until a read succeeds again. The scheduler runs the next poll whatever the last one did.
 */
@ApplicationScoped
public class ExperimentsPoller {

    /** This loop's name in {@code movierec_background_loop_up} and {@code movierec_background_loop_restarts_total}. */
    public static final String LOOP = "experiments-poller";

    @Inject
    ExperimentStore store;

    @Inject
    CurrentRouting routing;

    @Inject
    MeterRegistry registry;

    @Inject
    GoLive goLive;

    private LoopHealth health;

    @PostConstruct
    void registerLoop() {
        health = new LoopHealth(registry, LOOP);
    }

    void start(@Observes StartupEvent event) {
        poll();
    }

    /**
     * The {@code liveAt} of new experiment {@code id} with {@code arms}, created {@code now}: {@code now} when every
     * inference replica already serves its versions (or none reports), else null and a later poll makes it live.
     */
    public Instant liveAtCreation(String id, List<ArmSpec> arms, Instant now) {
        return goLive.liveAtCreation(id, arms, now);
    }

    @Scheduled(every = "${router.experiments-poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPoll() {
        poll();
    }

    /**
     * Reads the running experiment now, lets it go live when every inference replica serves its versions
     * ({@link GoLive}), and puts its routing in force; true when it was read and is in force.
     */
    public synchronized boolean poll() {
        try {
            routing.update(store.running().map(e -> goLive.advance(e, Instant.now())));
            health.running();
            return true;
        } catch (RuntimeException e) {
            registry.counter("router.experiments.poll.failures").increment();
            health.failed("experiments not read, the routing in force stays", e);
            return false;
        }
    }
}
