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
import org.movierec.contracts.events.ServedEventHeaders;
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
 * {@code GET /recommend/{userId}[?explain=true]}, the clients' entry point: assigns the user to an arm of the running
 * experiment (sticky), forwards to the inference service with {@code ?model=VERSION} (and the client's
 * {@code explain}, validated: {@code true} or {@code false}, else 400) and the
 * {@code X-Experiment}, {@code X-Arm}, {@code X-Request-Id} headers and the client's {@code Accept}, and
 * answers with the inference body and content type unchanged plus {@code X-Model-Version} (the version that
 * answered), {@code X-Experiment}, {@code X-Arm} and {@code X-Request-Id}.
 *
 * <p>A poor answer beats none: a failed or slow call is retried once on the control arm (production
 * without an experiment) on another inference instance, then the router answers from its cached popularity list
 * ({@code X-Fallback: <reason>}), counted by reason. An instance that cannot be reached at all (killed, restarting)
 * costs no try: {@link UpstreamClient} sends the GET on to the next instance within the same try.
 *
 * <p><b>Intention to treat.</b> Every served event of a request, and the answer's {@code X-Experiment}/{@code X-Arm},
 * name the arm the user is <em>assigned</em> to, also when control's version answered the retry or the router its
 * popularity list; {@code modelVersion} is the version that actually answered. A user is so counted in one arm only,
 * and "served by another version than its arm's" shows in telemetry as rows whose version is not the arm's.
 *
 * <p><b>What the client waits.</b> The router publishes the served event of every request it answers, with its own
 * time from receiving the request to answering ({@code latencyMs}): it asks inference not to publish
 * ({@link ServedEventHeaders}) and takes the items from inference's answer headers. Failed attempts
 * ({@code <requestId>:try-N}) are published too. Publishing never waits ({@link ServedEventSink}); without Kafka
 * configured here the router asks nothing, and inference publishes as for a direct call.
 *
 * <p>A plain Vert.x route on the event loop rather than a JAX-RS resource: every request pays for the
 * router and for inference, so the router's own work per request is kept to parsing, one hash and
 * copying bytes (see {@code bench/router.sh}).
 */
@ApplicationScoped
public class RecommendRoute {

    private static final String JSON = "application/json";
    private static final String TEXT = "text/plain;charset=UTF-8";
    /** The one query parameter forwarded: inference's {@code explain=true} (each item's reasons, as JSON). */
    private static final String EXPLAIN = "explain";

    @Inject
    CurrentRouting routing;

    @Inject
    UpstreamClient upstream;

    @Inject
    PopularityCache popular;

    @Inject
    ServedEventSink events;

    @Inject
    RecommendTimer timer;

    void register(@Observes Router router) {
        router.get("/recommend/:userId").handler(this::recommend);
    }

    void recommend(RoutingContext context) {
        long start = System.nanoTime();
        String userId = context.pathParam("userId");
        String problem = UserIds.problem(userId);
        if (problem != null) {
            problem(context, Problem.of(400, problem), start);
            return;
        }
        String asked = context.request().query() == null ? null : context.request().getParam(EXPLAIN);
        if (asked != null && !asked.equals("true") && !asked.equals("false")) {
            problem(context, Problem.of(400, "explain must be true or false, got '" + asked + "'"), start);
            return;
        }
        boolean explain = "true".equals(asked);
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        String requestId = RequestIds.orNew(context.request().getHeader("X-Request-Id"));
        RoutingTable table = routing.table();
        Route assigned = table.route(userId);
        forward(context, assigned, assigned, null, userId, explain, accept, requestId, start).recover(first -> {
            attemptFailed(assigned, assigned, userId, requestId + ":try-1", start, first);
            assigned.meters().retried();
            Route retry = table.retryRoute();
            return forward(context, assigned, retry, first, userId, explain, accept, requestId, start).recover(second -> {
                attemptFailed(assigned, retry, userId, requestId + ":try-2", start, second);
                fallback(context, assigned, userId, accept, requestId, start, (UpstreamFailure) second);
                return Future.succeededFuture();
            });
        });
    }

    /**
     * Asks {@code asked}'s version for a user of arm {@code assigned} (the same route but on a retry) and, on a 200,
     * answers the client with it and publishes its served event against the assigned arm. A retry ({@code previous}
     * is the first try's failure) starts at another inference instance than the one that failed.
     */
    private Future<Void> forward(RoutingContext context, Route assigned, Route asked, Throwable previous, String userId,
                                 boolean explain, String accept, String requestId, long start) {
        String path = "/recommend/" + userId;
        if (asked.modelVersion() != null) {
            path += "?model=" + URLEncoder.encode(asked.modelVersion(), StandardCharsets.UTF_8);
        }
        if (explain) {
            path += (asked.modelVersion() == null ? "?" : "&") + EXPLAIN + "=true";
        }
        String[] headers = {"Accept", accept, "X-Experiment", assigned.experiment(), "X-Arm", assigned.arm(),
                "X-Request-Id", requestId,
                ServedEventHeaders.PUBLISHED_BY, events.enabled() ? ServedEventHeaders.ROUTER : null};
        return (previous == null ? upstream.get(path, headers) : upstream.retry(previous, path, headers))
                .map(answer -> {
                    answer(context, assigned, requestId, answer.modelVersion(), answer.contentType()).end(answer.body());
                    timer.record(200, start);
                    answer.toPublish().ifPresent(list -> events.publish(new ServedEvent(Instant.now(), requestId,
                            UserIds.parse(userId), assigned.experiment(), assigned.arm(), answer.modelVersion(),
                            list.movieIds(), millisSince(start), 200, list.popularity())));
                    return null;
                });
    }

    /** Publishes a failed attempt on {@code asked}'s version, against the user's {@code assigned} arm. */
    private void attemptFailed(Route assigned, Route asked, String userId, String attemptId, long start,
                               Throwable error) {
        int status = error instanceof UpstreamFailure failure ? failure.status() : 502;
        events.publish(new ServedEvent(Instant.now(), attemptId, UserIds.parse(userId), assigned.experiment(),
                assigned.arm(), asked.modelVersion(), List.of(), millisSince(start), status, false));
    }

    private void fallback(RoutingContext context, Route route, String userId, String accept, String requestId,
                          long start, UpstreamFailure failure) {
        route.meters().fellBack(failure.reason());
        PopularList list = popular.current();
        if (list == null) {
            problem(context, Problem.of(503, "no recommendation available: " + failure.getMessage()
                    + ", and no popularity list is cached yet"), start);
            return;
        }
        events.publish(new ServedEvent(Instant.now(), requestId, UserIds.parse(userId), route.experiment(),
                route.arm(), list.modelVersion(), list.movieIds(), millisSince(start), 200, true));
        boolean json = accept != null && accept.contains(JSON);
        answer(context, route, requestId, list.modelVersion(), json ? JSON : TEXT)
                .putHeader("X-Fallback", failure.reason().tag())
                .end(Buffer.buffer(json ? RouterJson.write(list.toJson(userId)) : list.line()));
        timer.record(200, start);
    }

    private void problem(RoutingContext context, Problem problem, long start) {
        context.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(problem.at(context.request().path()).toJson());
        timer.record(problem.status(), start);
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
