package org.movierec.router.experiments;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.movierec.registry.ServingReplica;

/**
 * Whether the inference replicas serve an experiment's versions, from their fresh heartbeats: what decides that a new
 * experiment may go live ({@link GoLive}).
 */
public sealed interface ServingReadiness {

    /** Whether the experiment may go live now. */
    boolean ready();

    /**
     * Every replica with a fresh heartbeat serves every version: go live, awaited.
     *
     * @param replicas how many replicas reported
     */
    record EveryReplicaServes(int replicas) implements ServingReadiness {
        @Override
        public boolean ready() {
            return true;
        }
    }

    /**
     * No replica has a fresh heartbeat (none reads the registry, e.g. all serve a model file): there is nothing to
     * wait for, so go live at once, not awaited.
     */
    record NoReplicaReports() implements ServingReadiness {
        @Override
        public boolean ready() {
            return true;
        }
    }

    /**
     * Some replicas do not serve some versions yet: stay not live.
     *
     * @param missing replica id → the versions it does not list yet
     */
    record Waiting(Map<String, Set<String>> missing) implements ServingReadiness {
        public Waiting {
            missing = Map.copyOf(missing);
        }

        @Override
        public boolean ready() {
            return false;
        }
    }

    /** The readiness of {@code versions} on the replicas whose heartbeats are {@code fresh}. */
    static ServingReadiness of(List<ServingReplica> fresh, Set<String> versions) {
        if (fresh.isEmpty()) {
            return new NoReplicaReports();
        }
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        for (ServingReplica replica : fresh) {
            if (!replica.serves(versions)) {
                Set<String> lacking = new LinkedHashSet<>(versions);
                lacking.removeAll(replica.versions());
                missing.put(replica.id(), lacking);
            }
        }
        return missing.isEmpty() ? new EveryReplicaServes(fresh.size()) : new Waiting(missing);
    }
}
