package org.movierec.router.routing;

import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.movierec.core.events.ServedEvent;
import org.movierec.core.ids.RequestIds;
import org.movierec.core.ids.UserIds;
import org.movierec.core.json.Json;
import org.movierec.router.assignment.CurrentRouting;
import org.movierec.router.assignment.Route;
import org.movierec.router.assignment.RoutingTable;
import org.movierec.router.fallback.PopularList;
import org.movierec.router.fallback.PopularityCache;
import org.movierec.router.fallback.ServedEventSink;

/**
 * {@code GET /recommend/{userId}}, the clients' entry point: assigns the user to an arm of the running
 * experiment (sticky), forwards to the inference service with {@code ?model=VERSION} and the
 * {@code X-Experiment}, {@code X-Arm}, {@code X-Request-Id} headers, and answers with the inference body
 * and content type unchanged plus {@code X-Model-Version}, {@code X-Experiment} and {@code X-Arm}.
 *
 * <p>A poor answer beats none: a failed or slow call is retried once on the control arm (production
 * without an experiment), then the router answers from its cached popularity list. Each failed attempt
 * and each fallback is published as a served event against the user's arm, and counted by reason.
 */
@Path("/recommend")
public class RecommendResource {

    @Inject
    CurrentRouting routing;

    @Inject
    UpstreamClient upstream;

    @Inject
    PopularityCache popular;

    @Inject
    ServedEventSink events;

    @GET
    @Path("/{userId}")
    @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @NonBlocking
    public Uni<Response> recommend(@PathParam("userId") String userId,
                                   @HeaderParam(HttpHeaders.ACCEPT) String accept,
                                   @HeaderParam("X-Request-Id") String requestId) {
        String problem = UserIds.problem(userId);
        if (problem != null) {
            return Uni.createFrom().item(plain(Response.Status.BAD_REQUEST, problem));
        }
        long start = System.nanoTime();
        String id = requestId == null || requestId.isBlank() ? RequestIds.newId() : requestId;
        RoutingTable table = routing.table();
        Route route = table.route(userId);
        Future<Response> answer = forward(route, userId, accept, id)
                .recover(first -> {
                    attemptFailed(route, userId, id + ":try-1", start, first);
                    route.meters().retried();
                    Route retry = table.retryRoute();
                    return forward(retry, userId, accept, id).recover(second -> {
                        attemptFailed(retry, userId, id + ":try-2", start, second);
                        return Future.succeededFuture(fallback(route, userId, accept, id, start, (UpstreamFailure) second));
                    });
                });
        return Uni.createFrom().completionStage(answer.toCompletionStage());
    }

    private Future<Response> forward(Route route, String userId, String accept, String requestId) {
        String path = route.modelVersion() == null ? "/recommend/" + userId
                : "/recommend/" + userId + "?model=" + URLEncoder.encode(route.modelVersion(), StandardCharsets.UTF_8);
        return upstream.get(path, HttpHeaders.ACCEPT, accept, "X-Experiment", route.experiment(),
                        "X-Arm", route.arm(), "X-Request-Id", requestId)
                .map(r -> Response.ok(r.body().getBytes())
                        .type(r.contentType())
                        .header("X-Model-Version", r.modelVersion())
                        .header("X-Experiment", route.experiment())
                        .header("X-Arm", route.arm())
                        .header("X-Request-Id", requestId)
                        .build());
    }

    private void attemptFailed(Route route, String userId, String attemptId, long start, Throwable error) {
        int status = error instanceof UpstreamFailure failure ? failure.status() : 502;
        events.publish(new ServedEvent(Instant.now(), attemptId, UserIds.parse(userId), route.experiment(),
                route.arm(), route.modelVersion(), List.of(), millisSince(start), status, false));
    }

    private Response fallback(Route route, String userId, String accept, String requestId, long start,
                              UpstreamFailure failure) {
        route.meters().fellBack(failure.reason());
        PopularList list = popular.current();
        if (list == null) {
            return plain(Response.Status.SERVICE_UNAVAILABLE, "no recommendation available: " + failure.getMessage()
                    + ", and no popularity list is cached yet");
        }
        events.publish(new ServedEvent(Instant.now(), requestId, UserIds.parse(userId), route.experiment(),
                route.arm(), list.modelVersion(), list.movieIds(), millisSince(start), 200, true));
        boolean json = accept != null && accept.contains(MediaType.APPLICATION_JSON);
        return Response.ok(json ? Json.write(list.toJson(userId)) : list.line())
                .type(json ? MediaType.APPLICATION_JSON_TYPE : MediaType.TEXT_PLAIN_TYPE)
                .header("X-Model-Version", list.modelVersion())
                .header("X-Experiment", route.experiment())
                .header("X-Arm", route.arm())
                .header("X-Request-Id", requestId)
                .header("X-Fallback", failure.reason().tag())
                .build();
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static Response plain(Response.Status status, String reason) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).entity(reason + "\n").build();
    }
}
