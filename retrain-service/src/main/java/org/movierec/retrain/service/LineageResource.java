package org.movierec.retrain.service;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.movierec.registry.ModelVersion;

/**
 * {@code GET /models/{version}/lineage}: for any registered version (so for any served recommendation, whose
 * served event names the version) the training data hash, cutoff and row count, code version, params, metrics,
 * fairness, parent version and run id; 404 with the reason for an unknown version.
 */
@Path("/models/{version}/lineage")
@Produces(MediaType.APPLICATION_JSON)
public class LineageResource {

    private final RetrainCoordinator coordinator;

    public LineageResource(RetrainCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @GET
    @SuppressWarnings("unchecked")
    public Response lineage(@PathParam("version") String version) {
        if (!version.matches(RunsResource.ID_PATTERN)) {
            return Problems.of(Response.Status.BAD_REQUEST, "not a model version: " + version);
        }
        ModelVersion v = coordinator.registry().get(version).orElse(null);
        if (v == null) {
            return Problems.of(Response.Status.NOT_FOUND, "unknown model version " + version);
        }
        Map<String, Object> lineage = (Map<String, Object>) BsonJson.plain(v.lineage());
        Map<String, Object> data = lineage.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
        Map<String, Object> code = lineage.get("code") instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", v.version());
        m.put("status", v.status().wireName());
        m.put("createdAt", v.createdAt().toString());
        m.put("artifactMd5", v.md5());
        m.put("trainingDataMd5", data.get("md5"));
        m.put("cutoff", data.get("cutoff"));
        m.put("rowCount", data.get("rows"));
        m.put("codeVersion", code.get("commit"));
        m.put("params", lineage.get("params"));
        m.put("hyperparameters", v.hyperparameters());
        m.put("metrics", lineage.getOrDefault("metrics", v.metrics()));
        m.put("fairness", lineage.get("fairness"));
        m.put("parentVersion", lineage.get("parentVersion"));
        m.put("runId", lineage.get("runId"));
        m.put("durationSeconds", lineage.get("durationSeconds"));
        m.put("note", v.note());
        m.put("lineage", lineage);
        return Response.ok(m).build();
    }
}
