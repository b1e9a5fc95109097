package org.movierec.inference.reload;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.movierec.inference.InferenceConfig;
import org.movierec.platform.http.AdminAuth;

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
        Response denied = AdminAuth.deny(authorization, config.adminToken());
        if (denied != null) {
            return denied;
        }
        return Response.ok(reloader.check(true)).build();
    }
}
