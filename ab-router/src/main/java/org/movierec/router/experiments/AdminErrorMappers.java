package org.movierec.router.experiments;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.movierec.platform.http.Problems;
import org.movierec.router.report.TelemetryUnavailableException;

/**
 * Maps the admin API's exceptions to {@code application/problem+json} answers (RFC 9457, {@link Problems}) with their
 * status; an invalid change lists its problems (capped). A refused admin token is answered by {@code AdminAuth}
 * itself, as in every service.
 */
public class AdminErrorMappers {

    @ServerExceptionMapper
    public Response invalid(InvalidChangeException e) {
        return Problems.of(Response.Status.BAD_REQUEST, e.getMessage(), e.problems());
    }

    @ServerExceptionMapper
    public Response notFound(ExperimentNotFoundException e) {
        return Problems.of(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(ExperimentConflictException e) {
        return Problems.of(Response.Status.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    public Response telemetryDown(TelemetryUnavailableException e) {
        return Problems.of(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
