package org.movierec.retrain.promote;

import java.io.IOException;
import java.util.Optional;

/**
 * Moves the production pointer to a version and records the release in the history. There is one
 * implementation that writes: retrain-service's {@code ReleaseService}, which the service's own runs call in
 * process and every other component reaches through its HTTP API ({@code POST /models/{version}/promote},
 * for example with {@link org.movierec.registry.release.ReleaseClient}). Keeping the promote stage behind this
 * interface is what makes retrain-service the only writer of the production pointer.
 */
@FunctionalInterface
public interface Releaser {

    /**
     * Releases {@code version} to production.
     *
     * @param reason      why, for the release history
     * @param requestedBy who releases it, for the release history
     * @return the previous production version; empty if there was none
     * @throws IOException if the release was refused or its owner cannot be reached; production is unchanged
     */
    Optional<String> release(String version, String reason, String requestedBy) throws IOException, InterruptedException;
}
