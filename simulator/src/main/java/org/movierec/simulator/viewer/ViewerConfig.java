package org.movierec.simulator.viewer;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * The viewer's app's settings, {@code viewer.*}, each overridable by its env var ({@code VIEWER_INFERENCE_URL},
 * {@code VIEWER_TELEMETRY_URL}, {@code VIEWER_CALL_TIMEOUT}); defaults in application.properties. The lists
 * themselves come through the router, {@code simulator.router-url}, as a client's do.
 */
@ConfigMapping(prefix = "viewer")
public interface ViewerConfig {

    /**
     * The inference service, asked for "why this?" ({@code ?explain=true&model=VERSION}) directly: it explains the
     * version that served the list, which the router (it forwards {@code explain} too) would pick by the user's arm
     * as it is now.
     */
    String inferenceUrl();

    /** The telemetry collector, whose {@code GET /users/{id}/activity} gives a person's history and analytics. */
    String telemetryUrl();

    /** How long the app waits for the inference service or the collector. */
    Duration callTimeout();
}
