package org.movierec.router.routing;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.movierec.contracts.events.ServedEvent;
import org.movierec.core.ids.RequestIds;
import org.movierec.core.ids.UserIds;
import org.movierec.platform.http.Problem;
import org.movierec.router.RouterJson;
import org.movierec.router.assignment.CurrentRouting;
import org.movierec.router.assignment.Route;
import org.movierec.router.assignment.RoutingTable;
import org.movierec.router.fallback.PopularList;
import org.movierec.router.fallback.PopularityCache;
import org.movierec.router.fallback.ServedEventSink;

/**
 * {@code GET /recommend/{userId}}, the clients' entry point: assigns the user to an arm of the running
 * experiment (sticky), forwards to the inference service with {@code ?model=VERSION} and the
 * {@code X-Experiment}, {@code X-Arm}, {@code X-Request-Id} headers and the client's {@code Accept}, and
 * answers with the inference body and content type unchanged plus {@code X-Model-Version},
 * {@code X-Experiment}, {@code X-Arm} and {@code X-Request-Id}.
 *
 * <p>A poor answer beats none: a failed or slow call is retried once on the control arm (production
 * without an experiment), then the router answers from its cached popularity list
 * ({@code X-Fallback: <reason>}). Each failed attempt and each fallback is published as a served event
 * against the user's arm, and counted by reason.
 *
 * <p>A plain Vert.x route on the event loop rather than a JAX-RS resource: every request pays for the
 * router and for inference, so the router's own work per request is kept to parsing, one hash and
 * copying bytes (see {@code bench/router.sh}).
 */
@ApplicationScoped
public class RecommendRoute {

    private static final String JSON = "application/json";
    private static final String TEXT = "text/plain;charset=UTF-8";

    @Inject
    CurrentRouting routing;

    @Inject
    UpstreamClient upstream;

    @Inject
    PopularityCache popular;

    @Inject
    ServedEventSink events;

    void register(@Observes Router router) {
        router.get("/recommend/:userId").handler(this::recommend);
    }

    void recommend(RoutingContext context) {
        String userId = context.pathParam("userId");
        String problem = UserIds.problem(userId);
        if (problem != null) {
            problem(context, Problem.of(400, problem));
            return;
        }
        long start = System.nanoTime();
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        String requestId = RequestIds.orNew(context.request().getHeader("X-Request-Id"));
        RoutingTable table = routing.table();
        Route route = table.route(userId);
        forward(context, route, userId, accept, requestId).recover(first -> {
            attemptFailed(route, userId, requestId + ":try-1", start, first);
            route.meters().retried();
            Route retry = table.retryRoute();
            return forward(context, retry, userId, accept, requestId).recover(second -> {
                attemptFailed(retry, userId, requestId + ":try-2", start, second);
                fallback(context, route, userId, accept, requestId, start, (UpstreamFailure) second);
                return Future.succeededFuture();
            });
        });
    }

    /** Asks {@code route}'s version and, on a 200, answers the client with it. */
    private Future<Void> forward(RoutingContext context, Route route, String userId, String accept, String requestId) {
        String path = route.modelVersion() == null ? "/recommend/" + userId
                : "/recommend/" + userId + "?model=" + URLEncoder.encode(route.modelVersion(), StandardCharsets.UTF_8);
        return upstream.get(path, "Accept", accept, "X-Experiment", route.experiment(), "X-Arm", route.arm(),
                        "X-Request-Id", requestId)
                .map(answer -> {
                    answer(context, route, requestId, answer.modelVersion(), answer.contentType()).end(answer.body());
                    return null;
                });
    }

    private void attemptFailed(Route route, String userId, String attemptId, long start, Throwable error) {
        int status = error instanceof UpstreamFailure failure ? failure.status() : 502;
        events.publish(new ServedEvent(Instant.now(), attemptId, UserIds.parse(userId), route.experiment(),
                route.arm(), route.modelVersion(), List.of(), millisSince(start), status, false));
    }

    private void fallback(RoutingContext context, Route route, String userId, String accept, String requestId,
                          long start, UpstreamFailure failure) {
        route.meters().fellBack(failure.reason());
        PopularList list = popular.current();
        if (list == null) {
            problem(context, Problem.of(503, "no recommendation available: " + failure.getMessage()
                    + ", and no popularity list is cached yet"));
            return;
        }
        events.publish(new ServedEvent(Instant.now(), requestId, UserIds.parse(userId), route.experiment(),
                route.arm(), list.modelVersion(), list.movieIds(), millisSince(start), 200, true));
        boolean json = accept != null && accept.contains(JSON);
        answer(context, route, requestId, list.modelVersion(), json ? JSON : TEXT)
                .putHeader("X-Fallback", failure.reason().tag())
                .end(Buffer.buffer(json ? RouterJson.write(list.toJson(userId)) : list.line()));
    }

    private static void problem(RoutingContext context, Problem problem) {
        context.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(problem.at(context.request().path()).toJson());
    }

    private static HttpServerResponse answer(RoutingContext context, Route route, String requestId,
                                             String modelVersion, String contentType) {
        HttpServerResponse response = context.response().setStatusCode(200).putHeader("X-Request-Id", requestId);
        if (contentType != null) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
        }
        if (modelVersion != null) {
            response.putHeader("X-Model-Version", modelVersion);
        }
        if (route.experiment() != null) {
            response.putHeader("X-Experiment", route.experiment()).putHeader("X-Arm", route.arm());
        }
        return response;
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
