package org.movierec.retrain.service;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /runs?limit=20} (newest first, limit 1..200) and {@code GET /runs/{runId}}: run records
 * ({@code runId, status, stage, error, version, promoted, startedAt, finishedAt, durationSeconds, metrics, ...}).
 */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";

    private final RetrainCoordinator coordinator;

    public RunsResource(RetrainCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @GET
    public Response list(@QueryParam("limit") @DefaultValue("20") String limit) {
        int n;
        try {
            n = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > 200) {
            return Problems.of(Response.Status.BAD_REQUEST, "limit must be a whole number in 1..200, got " + limit);
        }
        return Response.ok(coordinator.records().list(n)).build();
    }

    @GET
    @Path("/{runId}")
    public Response get(@PathParam("runId") String runId) {
        if (!runId.matches(ID_PATTERN)) {
            return Problems.of(Response.Status.BAD_REQUEST, "not a run id: " + runId);
        }
        return coordinator.records().get(runId).map(r -> Response.ok(r).build())
                .orElseGet(() -> Problems.of(Response.Status.NOT_FOUND, "no retrain run " + runId));
    }
}
