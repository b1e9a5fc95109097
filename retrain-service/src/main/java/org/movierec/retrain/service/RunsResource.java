package org.movierec.retrain.service;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /runs?limit=20} (newest first, limit 1..200) and {@code GET /runs/{runId}}: run records
 * ({@code runId, status, stage, error, version, promoted, startedAt, finishedAt, durationSeconds, metrics, ...}).
 * A canary run's record carries {@code canaryOutcome}: how its experiment ended, or while it runs its current
 * state, read from the router when the run is asked for ({@link CanaryOutcomes}).
 */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";

    private final RetrainCoordinator coordinator;
    private final CanaryOutcomes canaries;

    public RunsResource(RetrainCoordinator coordinator, CanaryOutcomes canaries) {
        this.coordinator = coordinator;
        this.canaries = canaries;
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
        return coordinator.records().get(runId).map(r -> Response.ok(withCanaryOutcome(r)).build())
                .orElseGet(() -> Problems.of(Response.Status.NOT_FOUND, "no retrain run " + runId));
    }

    /** The record with its canary's outcome: the stored final one, or else asked of the router (and stored if final). */
    private Map<String, Object> withCanaryOutcome(Map<String, Object> run) {
        if (!"canary".equals(run.get("promotionMode")) || run.get("experimentId") == null || run.get("canaryOutcome") != null) {
            return run;
        }
        Map<String, Object> answer = new LinkedHashMap<>(run);
        Optional<Map<String, Object>> outcome = canaries.read(String.valueOf(run.get("experimentId")));
        answer.put("canaryOutcome", outcome.orElse(null));
        outcome.filter(CanaryOutcomes::ended)
                .ifPresent(o -> coordinator.records().canaryOutcome(String.valueOf(run.get("runId")), o));
        return answer;
    }
}
