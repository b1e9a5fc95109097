package org.movierec.inference.reload;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.movierec.core.auth.BearerToken;
import org.movierec.inference.InferenceConfig;

/** {@code POST /admin/reload}: check the source for versions now (bearer token). */
@Path("/admin")
public class AdminResource {

    @Inject
    ModelReloader reloader;

    @Inject
    InferenceConfig config;

    @POST
    @Path("/reload")
    @Produces(MediaType.APPLICATION_JSON)
    public Response reload(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String problem = BearerToken.problem(authorization, config.adminToken().orElse(null));
        if (problem != null) {
            Response.Status status = config.adminToken().isEmpty() ? Response.Status.SERVICE_UNAVAILABLE : Response.Status.UNAUTHORIZED;
            return Response.status(status).entity(Map.of("error", problem)).build();
        }
        return Response.ok(reloader.check(true)).build();
    }
}
