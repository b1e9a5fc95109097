package org.movierec.platform.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The errors JAX-RS raises itself (405 method not allowed, 406, 415 unsupported media type, a 404 or 400 thrown by a
 * resource without a body) answered as {@link Problem}s like every other error. An exception that already carries an
 * answer with a body is passed through as it is.
 */
@Provider
public class WebApplicationProblemMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response given = e.getResponse();
        if (given.hasEntity()) {
            return given;
        }
        Problem problem = Problem.of(given.getStatus(), e.getMessage());
        if (uri != null) {
            problem = problem.at(uri.getPath());
        }
        Response.ResponseBuilder answer = Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .entity(problem.toJson());
        given.getStringHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(v -> answer.header(name, v));
            }
        });
        return answer.build();
    }
}
