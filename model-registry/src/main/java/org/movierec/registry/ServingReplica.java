package org.movierec.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One inference replica's last heartbeat ({@link ServingReplicas}): the versions it had loaded when it last checked
 * the registry.
 *
 * @param id the replica's id, stable for its process ({@link ServingReplicas#thisProcess()})
 * @param versions the versions it serves, unmodifiable
 * @param updatedAt when it wrote this
 */
public record ServingReplica(String id, Set<String> versions, Instant updatedAt) {

    /** Validates the fields and copies the versions. */
    public ServingReplica {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(updatedAt, "updatedAt");
        versions = Set.copyOf(versions);
    }

    /** Whether it serves every one of {@code wanted}. */
    public boolean serves(Set<String> wanted) {
        return versions.containsAll(wanted);
    }
}
