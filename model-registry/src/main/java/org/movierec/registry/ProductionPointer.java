package org.movierec.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * What the production pointer document says: which version is in production, and since when.
 *
 * @param version the production version id
 * @param since   when it was promoted
 */
public record ProductionPointer(String version, Instant since) {

    /** Validates the fields. */
    public ProductionPointer {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(since, "since");
    }
}
