package org.movierec.inference.serving;

import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.movierec.contracts.events.ServedEventHeaders;
import org.movierec.core.ids.UserIds;
import org.movierec.platform.http.Problems;

/**
 * {@code GET /recommend/{userId}}: up to 20 movie ids, comma-separated, best first ({@code text/plain},
 * the contract clients use), or JSON with scores ({@code Accept: application/json}, and
 * {@code ?explain=true} for the reasons). {@code ?model=VERSION} picks a loaded version (the A/B
 * router's way); without it the production version answers. Unknown users get the popularity
 * fallback; nobody gets a movie they already rated.
 *
 * <p>This class is the HTTP side only: it validates the user id, asks {@link RecommendService} for the answer, and
 * maps it to a representation or a problem+json; the service also records what the answer leaves behind (meters,
 * served event), timed here from the request's arrival to the response built. A request from the A/B router that
 * says the router publishes the served event ({@link ServedEventHeaders}) gets the items in headers instead, and no
 * event is published here.
 */
@Path("/recommend")
public class RecommendResource {

    @Inject
    RecommendService service;

    @GET
    @Path("/{userId}")
    @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @NonBlocking
    public Response recommend(@PathParam("userId") String userId,
                              @QueryParam("model") String version,
                              @QueryParam("explain") @DefaultValue("false") boolean explain,
                              @HeaderParam(HttpHeaders.ACCEPT) String accept,
                              @HeaderParam("X-Experiment") String experiment,
                              @HeaderParam("X-Arm") String arm,
                              @HeaderParam("X-Request-Id") String requestId,
                              @HeaderParam(ServedEventHeaders.PUBLISHED_BY) String publishedBy,
                              @Context HttpServerRequest request) {
        long start = System.nanoTime();
        // JAX-RS drops matrix parameters from a path parameter ("42;x=1" would read as 42): validate the raw segment,
        // as the router does, so both answer the same
        String path = request.path();
        String problem = UserIds.problem(path.substring(path.lastIndexOf('/') + 1));
        if (problem != null) {
            return Problems.of(Response.Status.BAD_REQUEST, problem);
        }
        Answer answer = service.recommend(userId, version);
        if (answer instanceof Answer.NoModelLoaded) {
            return Problems.of(Response.Status.SERVICE_UNAVAILABLE, "no model is loaded yet");
        }
        if (answer instanceof Answer.VersionNotLoaded notLoaded) {
            return Problems.of(Response.Status.NOT_FOUND, "model version '" + notLoaded.version()
                    + "' is not loaded here (loaded: " + String.join(", ", notLoaded.loaded()) + ")");
        }
        Answer.Served served = (Answer.Served) answer;
        boolean routerPublishes = ServedEventHeaders.routerPublishes(publishedBy);
        Response.ResponseBuilder response = representation(userId, served, explain
                || (accept != null && accept.contains(MediaType.APPLICATION_JSON)), explain);
        if (routerPublishes) {
            forTheRoutersEvent(response, served);
        }
        service.answered(userId, served, experiment, arm, requestId, routerPublishes, System.nanoTime() - start);
        return response.build();
    }

    /**
     * What the router needs to publish the served event itself ({@link ServedEventHeaders}): the acknowledgement that
     * this service did not, the movie ids and whether they are the popularity fallback.
     */
    private static void forTheRoutersEvent(Response.ResponseBuilder response, Answer.Served served) {
        response.header(ServedEventHeaders.PUBLISHED_BY, ServedEventHeaders.ROUTER)
                .header(ServedEventHeaders.ITEMS, String.join(ServedEventHeaders.ITEM_SEPARATOR,
                        served.recommendation().movieIds(served.model().model().items())))
                .header(ServedEventHeaders.POPULARITY, Boolean.toString(served.recommendation().fallback()));
    }

    /** The list as one text line (the clients' contract) or, when asked, as JSON; with the version that answered. */
    private static Response.ResponseBuilder representation(String userId, Answer.Served served, boolean json,
                                                           boolean explain) {
        String version = served.model().version();
        return json
                ? Response.ok(RecommendationJson.of(userId, served, explain), MediaType.APPLICATION_JSON_TYPE)
                    .header("X-Model-Version", version)
                : Response.ok(served.recommendation().toLine(served.model().model().items()), MediaType.TEXT_PLAIN_TYPE)
                    .header("X-Model-Version", version);
    }
}
