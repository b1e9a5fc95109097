package org.movierec.router.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.movierec.registry.ServingReplica;

class ServingReadinessTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static ServingReplica replica(String id, String... versions) {
        return new ServingReplica(id, Set.of(versions), NOW);
    }

    @Test
    void noReplicaReportingIsReadyAtOnceNotAwaited() {
        ServingReadiness readiness = ServingReadiness.of(List.of(), Set.of("v1", "v2"));

        assertThat(readiness).isInstanceOf(ServingReadiness.NoReplicaReports.class);
        assertThat(readiness.ready()).isTrue();
    }

    @Test
    void everyReplicaListingEveryVersionIsReady() {
        ServingReadiness readiness = ServingReadiness.of(List.of(replica("a", "v1", "v2", "v0"), replica("b", "v2", "v1")),
                Set.of("v1", "v2"));

        assertThat(readiness).isEqualTo(new ServingReadiness.EveryReplicaServes(2));
        assertThat(readiness.ready()).isTrue();
    }

    @Test
    void oneReplicaLackingAVersionKeepsItWaitingAndSaysWhich() {
        ServingReadiness readiness = ServingReadiness.of(List.of(replica("a", "v1", "v2"), replica("b", "v1")),
                Set.of("v1", "v2"));

        assertThat(readiness.ready()).isFalse();
        assertThat(readiness).isEqualTo(new ServingReadiness.Waiting(Map.of("b", Set.of("v2"))));
    }
}
