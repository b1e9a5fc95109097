package org.movierec.router.routing;

import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * A 200 answer of the inference service, passed to the client unchanged.
 *
 * @param contentType its {@code Content-Type}
 * @param modelVersion its {@code X-Model-Version} (the version that answered), or null
 * @param body the body bytes
 * @param toPublish the list to publish the served event of, when inference acknowledged that the router publishes it
 *     ({@link org.movierec.contracts.events.ServedEventHeaders}); empty when inference published it itself
 */
public record UpstreamResponse(String contentType, String modelVersion, Buffer body, Optional<ServedList> toPublish) {
}
