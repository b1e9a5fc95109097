package org.movierec.router.experiments;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.movierec.router.report.TelemetryUnavailableException;

/** Maps the admin API's exceptions to JSON answers {@code {"error", "problems"?}} with their status. */
public class AdminErrorMappers {

    @ServerExceptionMapper
    public Response invalid(InvalidChangeException e) {
        return error(Response.Status.BAD_REQUEST, e.getMessage(), e.problems());
    }

    @ServerExceptionMapper
    public Response notFound(ExperimentNotFoundException e) {
        return error(Response.Status.NOT_FOUND, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response conflict(ExperimentConflictException e) {
        return error(Response.Status.CONFLICT, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response unauthorized(NotAuthorizedException e) {
        return error(e.unconfigured() ? Response.Status.SERVICE_UNAVAILABLE : Response.Status.UNAUTHORIZED,
                e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response telemetryDown(TelemetryUnavailableException e) {
        return error(Response.Status.SERVICE_UNAVAILABLE, e.getMessage(), null);
    }

    private static Response error(Response.Status status, String message, List<String> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (problems != null) {
            body.put("problems", problems);
        }
        return ExperimentsResource.json(status, body);
    }
}
