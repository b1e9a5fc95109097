package org.movierec.inference.serving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.movierec.contracts.events.ServedEvent;
import org.movierec.core.ids.RequestIds;
import org.movierec.core.ids.UserIds;
import org.movierec.core.model.SvdModel;
import org.movierec.core.recommend.Recommendation;
import org.movierec.inference.InferenceConfig;
import org.movierec.inference.events.ServedEventPublisher;
import org.movierec.inference.models.LoadedModel;
import org.movierec.inference.models.ModelStore;
import org.movierec.inference.models.ServingSnapshot;
import org.movierec.inference.realtime.FoldedUser;
import org.movierec.inference.realtime.FoldedUsers;
import org.movierec.platform.http.Problems;

/**
 * {@code GET /recommend/{userId}}: up to 20 movie ids, comma-separated, best first ({@code text/plain},
 * the contract clients use), or JSON with scores ({@code Accept: application/json}, and
 * {@code ?explain=true} for the reasons). {@code ?model=VERSION} picks a loaded version (the A/B
 * router's way); without it the production version answers. Unknown users get the popularity
 * fallback; nobody gets a movie they already rated.
 */
@Path("/recommend")
public class RecommendResource {

    /** A rated movie explains a recommendation only if the user liked it: rated at least this. */
    private static final double EXPLAIN_LIKED = 4.0;

    @Inject
    ModelStore store;

    @Inject
    FoldedUsers foldedUsers;

    @Inject
    ServedEventPublisher publisher;

    @Inject
    InferenceConfig config;

    @Inject
    MeterRegistry registry;

    /** Per model version: the timer of answers from the model [0] and of fallbacks [1], built once. */
    private final Map<String, Timer[]> timers = new ConcurrentHashMap<>();

    /** Popularity answers to users the model does not know; exists (at 0) from the resource's creation on. */
    private Counter unknownUserFallbacks;

    @jakarta.annotation.PostConstruct
    void registerFallbackCounter() {
        unknownUserFallbacks = registry.counter("recsys.fallbacks", "reason", "unknown_user");
    }

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
                              @Context HttpServerRequest request) {
        long start = System.nanoTime();
        // JAX-RS drops matrix parameters from a path parameter ("42;x=1" would read as 42): validate the raw segment,
        // as the router does, so both answer the same
        String path = request.path();
        String problem = UserIds.problem(path.substring(path.lastIndexOf('/') + 1));
        if (problem != null) {
            return Problems.of(Response.Status.BAD_REQUEST, problem);
        }
        ServingSnapshot snapshot = store.current();
        Optional<LoadedModel> chosen = version == null || version.isEmpty()
                ? snapshot.defaultModel()
                : snapshot.get(version);
        if (chosen.isEmpty()) {
            if (snapshot.isEmpty()) {
                return Problems.of(Response.Status.SERVICE_UNAVAILABLE, "no model is loaded yet");
            }
            return Problems.of(Response.Status.NOT_FOUND, "model version '" + version + "' is not loaded here (loaded: "
                    + String.join(", ", snapshot.models().keySet()) + ")");
        }
        LoadedModel model = chosen.get();
        int n = config.recommendationSize();
        Optional<FoldedUser> folded = foldedUsers.get(userId, model);
        Recommendation r = folded.isPresent()
                ? model.recommender().forVector(folded.get().vector(), folded.get().rated(), n)
                : model.recommender().forUser(userId, n);
        boolean json = explain || (accept != null && accept.contains(MediaType.APPLICATION_JSON));

        Response response = json
                ? Response.ok(toJson(userId, model, r, explain, folded), MediaType.APPLICATION_JSON_TYPE)
                    .header("X-Model-Version", model.version()).build()
                : Response.ok(r.toLine(model.model().items()), MediaType.TEXT_PLAIN_TYPE)
                    .header("X-Model-Version", model.version()).build();
        long nanos = System.nanoTime() - start;
        timer(model.version(), r.fallback()).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (r.fallback()) {
            unknownUserFallbacks.increment();
        }
        if (publisher.enabled()) {
            publisher.publish(new ServedEvent(Instant.now(), RequestIds.orNew(requestId),
                    UserIds.parse(userId), experiment, arm, model.version(), r.movieIds(model.model().items()),
                    nanos / 1e6, 200, r.fallback()));
        }
        return response;
    }

    private RecommendationJson toJson(String userId, LoadedModel loaded, Recommendation r, boolean explain,
                                      Optional<FoldedUser> folded) {
        SvdModel model = loaded.model();
        int[] ratedItems = new int[0];
        float[] ratedValues = new float[0];
        if (explain) {
            if (folded.isPresent()) {
                ratedItems = folded.get().ratedItems();
                ratedValues = folded.get().ratedValues();
            } else {
                int u = model.users().indexOf(userId);
                if (u >= 0) {
                    ratedItems = model.ratedItems().of(u);
                    ratedValues = model.ratedItems().valuesOf(u);
                }
            }
        }
        List<RecommendationJson.Item> items = new ArrayList<>(r.items().size());
        for (int j = 0; j < r.items().size(); j++) {
            int item = r.items().items()[j];
            List<String> because = null;
            if (explain) {
                because = new ArrayList<>();
                for (int i : loaded.explainer().because(item, ratedItems, ratedValues, 3, EXPLAIN_LIKED)) {
                    because.add(model.items().idAt(i));
                }
            }
            items.add(new RecommendationJson.Item(model.items().idAt(item), r.items().scores()[j], because));
        }
        return new RecommendationJson(userId, loaded.version(), items, r.fallback());
    }

    private Timer timer(String version, boolean fallback) {
        return timers.computeIfAbsent(version, v -> new Timer[] {newTimer(v, false), newTimer(v, true)})[fallback ? 1 : 0];
    }

    private Timer newTimer(String version, boolean fallback) {
        return Timer.builder("recsys.recommend")
                .description("time to answer /recommend, by model version")
                .tag("version", version).tag("fallback", Boolean.toString(fallback))
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }
}
