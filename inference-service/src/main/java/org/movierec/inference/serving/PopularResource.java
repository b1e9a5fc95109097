package org.movierec.inference.serving;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.movierec.core.model.SvdModel;
import org.movierec.core.recommend.Recommendation;
import org.movierec.inference.models.LoadedModel;
import org.movierec.inference.models.ModelStore;
import org.movierec.platform.http.Problems;

/**
 * {@code GET /popular?size=N}: the production model's most popular movies, best first — the list the
 * A/B router caches to answer from when this service cannot. {@code text/plain} like /recommend, or JSON
 * {@code {"modelVersion","items":[{"movieId","score"}]}} with {@code Accept: application/json}.
 */
@Path("/popular")
public class PopularResource {

    /** The longest list asked for. */
    static final int MAX_SIZE = 1000;

    @Inject
    ModelStore store;

    /** The JSON answer. */
    public record PopularJson(String modelVersion, List<RecommendationJson.Item> items) {
    }

    @GET
    @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @NonBlocking
    public Response popular(@QueryParam("size") @DefaultValue("20") String sizeText,
                            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        int size;
        try {
            size = Integer.parseInt(sizeText);
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 1 || size > MAX_SIZE) {
            return Problems.of(Response.Status.BAD_REQUEST,
                    "size must be an integer in 1.." + MAX_SIZE + ", got '" + sizeText + "'");
        }
        Optional<LoadedModel> production = store.current().defaultModel();
        if (production.isEmpty()) {
            return Problems.of(Response.Status.SERVICE_UNAVAILABLE, "no model is loaded yet");
        }
        LoadedModel model = production.get();
        SvdModel svd = model.model();
        Recommendation r = model.recommender().popular(size, null);
        if (accept != null && accept.contains(MediaType.APPLICATION_JSON)) {
            List<RecommendationJson.Item> items = new ArrayList<>(r.items().size());
            for (int j = 0; j < r.items().size(); j++) {
                items.add(new RecommendationJson.Item(svd.items().idAt(r.items().items()[j]), r.items().scores()[j], null));
            }
            return Response.ok(new PopularJson(model.version(), items), MediaType.APPLICATION_JSON_TYPE)
                    .header("X-Model-Version", model.version()).build();
        }
        return Response.ok(r.toLine(svd.items()), MediaType.TEXT_PLAIN_TYPE).header("X-Model-Version", model.version())
                .build();
    }
}
