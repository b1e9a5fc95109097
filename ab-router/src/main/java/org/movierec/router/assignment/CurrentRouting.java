package org.movierec.router.assignment;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.movierec.router.experiments.Experiment;

/**
 * The routing table requests use, swapped atomically when the running experiment changes (a new id or
 * revision) or goes live. Until the experiments have been read once, everyone goes to production and the router is
 * not ready.
 */
@ApplicationScoped
public class CurrentRouting {

    @Inject
    MeterRegistry registry;

    private volatile RoutingTable table;
    private volatile boolean loaded;

    /** The table in force. */
    public RoutingTable table() {
        RoutingTable t = table;
        if (t == null) {
            t = RoutingTable.production(registry);
            table = t;
        }
        return t;
    }

    /**
     * Puts the routing of {@code running} in force, unless it is already (same id and revision). An experiment that
     * is not live yet ({@code liveAt} null: some inference replica does not serve its arms' versions) routes nobody:
     * everyone gets production, exactly as without it, so nobody is counted in it before every arm can answer.
     *
     * @throws IllegalArgumentException if the experiment's arms are invalid (the previous table stays)
     */
    public synchronized void update(Optional<Experiment> running) {
        Experiment current = table == null ? null : table.experiment();
        Experiment next = running.filter(e -> e.liveAt() != null).orElse(null);
        boolean same = current == null ? next == null && table != null
                : next != null && current.id().equals(next.id()) && current.revision() == next.revision();
        if (!same) {
            table = next == null ? RoutingTable.production(registry) : RoutingTable.of(next, registry);
        }
        loaded = true;
    }

    /** Whether the experiments have been read at least once. */
    public boolean loaded() {
        return loaded;
    }
}
