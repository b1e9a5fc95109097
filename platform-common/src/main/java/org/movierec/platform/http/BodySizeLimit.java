package org.movierec.platform.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose {@code Content-Length} is over {@code quarkus.http.limits.max-body-size} with a 413
 * {@link Problem} before anything reads the body, and closes the connection (the client may still be sending).
 * Quarkus refuses such a request too, but with an empty answer; this route runs first so the answer has the
 * platform's error format. A chunked body without a length that grows over the limit is still cut off by Quarkus
 * (an empty 413).
 */
@Singleton
public class BodySizeLimit {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    void register(@Observes Router router) {
        maxBodySize.ifPresent(limit -> router.route().order(Integer.MIN_VALUE)
                .handler(context -> check(context, limit.asLongValue())));
    }

    static void check(RoutingContext context, long limit) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = -1; // Vert.x rejects a malformed length itself
        }
        if (declared <= limit) {
            context.next();
            return;
        }
        Problem problem = Problem.of(413, "the request body has " + declared + " bytes; this service accepts at most "
                + limit + " (quarkus.http.limits.max-body-size)").at(context.request().path());
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(problem.toJson());
    }
}
