package org.movierec.simulator.viewer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.movierec.core.ids.UserIds;
import org.movierec.platform.http.Problems;
import org.movierec.simulator.api.CatalogResource;
import org.movierec.simulator.api.JsonObjectBody;
import org.movierec.simulator.catalog.Accounts;
import org.movierec.simulator.catalog.Movie;
import org.movierec.simulator.catalog.World;

/**
 * The JSON the viewer's page calls, under {@code /viewer/api/users/{userId}}: {@code GET recommendations} (through
 * the router), {@code POST watches} ({@code {"movieId":"...","minutes":90}}, minutes 1..runtime, by default the whole
 * movie), {@code POST ratings} ({@code {"movieId":"...","rating":4}}), {@code GET explanations?model=VERSION} and
 * {@code GET activity} (history and analytics from the collector). Every input is checked here: a malformed user id,
 * movie id or body is 400, a user or movie that does not exist 404, a platform service that does not answer 502, all
 * problem+json. Watches and ratings answer 202: their lines are on their way to Kafka.
 */
@Path("/viewer/api/users/{userId}")
@Produces(MediaType.APPLICATION_JSON)
public class ViewerApiResource {

    @Inject
    Accounts accounts;

    @Inject
    World world;

    @Inject
    RecommendationFeed feed;

    @Inject
    Playback playback;

    @Inject
    PlatformReads platform;

    @Inject
    ObjectMapper json;

    @GET
    @Path("/recommendations")
    public CompletionStage<Response> recommendations(@PathParam("userId") String userId) {
        Response refused = userProblem(userId);
        if (refused != null) {
            return CompletableFuture.completedFuture(refused);
        }
        return feed.listFor(UserIds.parse(userId)).thenApply(list -> Response.ok(list).build());
    }

    @POST
    @Path("/watches")
    @Consumes(MediaType.WILDCARD)
    public Response watch(@PathParam("userId") String userId, String body) {
        Action action = action(userId, body, "{\"movieId\":\"silent+river+1994\",\"minutes\":90}", "minutes");
        if (action.problem() != null) {
            return action.problem();
        }
        Movie m = action.movie();
        JsonNode minutes = action.fields().get("minutes");
        if (minutes != null && !(minutes.isInt() && minutes.intValue() >= 1 && minutes.intValue() <= m.runtime())) {
            return Problems.of(Response.Status.BAD_REQUEST, "\"minutes\" must be an integer in 1.." + m.runtime()
                    + " (the movie's runtime), got " + minutes);
        }
        int streamed = minutes == null ? m.runtime() : minutes.intValue();
        playback.watch(action.userId(), m, streamed);
        return Response.accepted(Map.of("movieId", m.id(), "minutes", streamed)).build();
    }

    @POST
    @Path("/ratings")
    @Consumes(MediaType.WILDCARD)
    public Response rate(@PathParam("userId") String userId, String body) {
        Action action = action(userId, body, "{\"movieId\":\"silent+river+1994\",\"rating\":4}", "rating");
        if (action.problem() != null) {
            return action.problem();
        }
        JsonNode rating = action.fields().get("rating");
        if (rating == null || !rating.isInt() || !world.scale().contains(rating.intValue())) {
            return Problems.of(Response.Status.BAD_REQUEST, "\"rating\" must be a whole number in "
                    + (int) world.scale().min() + ".." + (int) world.scale().max() + ", got " + rating);
        }
        playback.rate(action.userId(), action.movie(), rating.intValue());
        return Response.accepted(Map.of("movieId", action.movie().id(), "rating", rating.intValue())).build();
    }

    @GET
    @Path("/explanations")
    public CompletionStage<Response> explanations(@PathParam("userId") String userId, @QueryParam("model") String model) {
        Response refused = userProblem(userId);
        if (refused == null && (model == null || model.isBlank() || model.length() > 200)) {
            refused = Problems.of(Response.Status.BAD_REQUEST, "give ?model=VERSION, the version that served the list"
                    + " (1..200 characters)");
        }
        if (refused != null) {
            return CompletableFuture.completedFuture(refused);
        }
        return platform.explanation(UserIds.parse(userId), model).thenApply(read -> read instanceof PlatformReads.Read.Answered a
                ? Response.ok(explained(a.body())).build()
                : Problems.of(Response.Status.BAD_GATEWAY, "no explanation: " + ((PlatformReads.Read.Failed) read).reason()));
    }

    @GET
    @Path("/activity")
    public CompletionStage<Response> activity(@PathParam("userId") String userId) {
        Response refused = userProblem(userId);
        if (refused != null) {
            return CompletableFuture.completedFuture(refused);
        }
        long id = UserIds.parse(userId);
        return platform.activity(id).thenApply(read -> read instanceof PlatformReads.Read.Answered a
                ? Response.ok(PersonActivityReader.read(id, a.body(), world)).build()
                : Problems.of(Response.Status.BAD_GATEWAY, "no activity: " + ((PlatformReads.Read.Failed) read).reason()));
    }

    /** Inference's explained list as {@code {"modelVersion", "because": {movieId: [{movieId, title}]}}}. */
    private Map<String, Object> explained(JsonNode answer) {
        Map<String, Object> because = new LinkedHashMap<>();
        for (JsonNode item : answer.path("items")) {
            List<Map<String, String>> liked = new ArrayList<>();
            for (JsonNode id : item.path("because")) {
                int index = world.movieIndex(id.asText());
                liked.add(Map.of("movieId", id.asText(), "title", index < 0 ? id.asText() : world.movie(index).title()));
            }
            because.put(item.path("movieId").asText(), liked);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("modelVersion", answer.path("modelVersion").asText());
        m.put("because", because);
        return m;
    }

    /** 400 for a malformed user id, 404 for one that is no user; null when it is a user. */
    private Response userProblem(String userId) {
        String problem = UserIds.problem(userId);
        if (problem != null) {
            return Problems.of(Response.Status.BAD_REQUEST, problem);
        }
        return accounts.user(UserIds.parse(userId)).isPresent() ? null
                : Problems.of(Response.Status.NOT_FOUND, "unknown user " + userId + " (users are 1.." + accounts.userCount() + ")");
    }

    /**
     * A watch or rating to act on: the user, the body's fields and its movie; or, instead, the answer saying why not
     * ({@code problem} set, the rest null).
     */
    private record Action(long userId, JsonNode fields, Movie movie, Response problem) {

        static Action refused(Response problem) {
            return new Action(0, null, null, problem);
        }
    }

    /**
     * Checks what a watch and a rating share: an existing user, a body that is one JSON object of {@code movieId} and
     * {@code field}, and a {@code movieId} of the catalogue (400 malformed, 404 unknown).
     */
    private Action action(String userId, String body, String example, String field) {
        Response refused = userProblem(userId);
        if (refused != null) {
            return Action.refused(refused);
        }
        JsonObjectBody parsed = JsonObjectBody.parse(json, body, example, Set.of("movieId", field));
        if (parsed instanceof JsonObjectBody.Refused r) {
            return Action.refused(Problems.of(Response.Status.BAD_REQUEST, r.detail()));
        }
        JsonNode fields = ((JsonObjectBody.Parsed) parsed).fields();
        JsonNode movieId = fields.get("movieId");
        if (movieId == null || !movieId.isTextual()) {
            return Action.refused(Problems.of(Response.Status.BAD_REQUEST, "\"movieId\" must be a string, got " + movieId));
        }
        String problem = CatalogResource.movieIdProblem(movieId.textValue());
        if (problem != null) {
            return Action.refused(Problems.of(Response.Status.BAD_REQUEST, problem));
        }
        int index = world.movieIndex(movieId.textValue());
        return index < 0
                ? Action.refused(Problems.of(Response.Status.NOT_FOUND, "unknown movie '" + movieId.textValue() + "'"))
                : new Action(UserIds.parse(userId), fields, world.movie(index), null);
    }
}
