package org.movierec.router.routing;

import io.vertx.core.buffer.Buffer;

/**
 * A 200 answer of the inference service, passed to the client unchanged.
 *
 * @param contentType its {@code Content-Type}
 * @param modelVersion its {@code X-Model-Version}, or null
 * @param body the body bytes
 */
public record UpstreamResponse(String contentType, String modelVersion, Buffer body) {
}
