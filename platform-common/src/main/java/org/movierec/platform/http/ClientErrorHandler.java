package org.movierec.platform.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Answers the client errors that Vert.x raises before any resource runs (an HTTP/1.1 request without a
 * {@code Host} header, a body over {@code quarkus.http.limits.max-body-size}, a malformed path) with a
 * {@link Problem}, and logs them at DEBUG. Without it they reach Quarkus' default failure handler, which logs every
 * one at ERROR with a stack id: an unauthenticated client could flood the logs, and on-call would read client
 * mistakes as server faults. Server errors (5xx) still go to that handler unchanged.
 *
 * <p>Registered first among the failure handlers of every service's router (this jar is a CDI bean archive).
 */
@Singleton
public class ClientErrorHandler {

    private static final Logger LOG = Logger.getLogger(ClientErrorHandler.class);

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    void handle(RoutingContext context) {
        int status = context.statusCode();
        if (status < 400 || status > 499 || context.response().headWritten() || context.response().ended()) {
            context.next();
            return;
        }
        Throwable failure = context.failure();
        String detail = failure != null && failure.getMessage() != null ? failure.getMessage() : defaultDetail(status);
        LOG.debugf("client error %d on %s %s: %s", status, context.request().method(), context.request().path(), detail);
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Problem.of(status, detail).toJson());
    }

    private static String defaultDetail(int status) {
        return switch (status) {
            case 400 -> "the request is malformed (an HTTP/1.1 request needs a Host header)";
            case 413 -> "the request body is larger than this service accepts";
            default -> ReasonPhrases.of(status);
        };
    }
}
