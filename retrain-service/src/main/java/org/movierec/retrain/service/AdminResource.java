package org.movierec.retrain.service;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.movierec.platform.http.AdminAuth;
import org.movierec.platform.http.Problem;
import org.movierec.retrain.RetrainJson;
import org.movierec.retrain.promote.PromotionMode;

/**
 * {@code POST /admin/retrain} ({@code Authorization: Bearer $RETRAIN_ADMIN_TOKEN}), optional body
 * {@code {"cutoff": "<ISO-8601 instant>", "promotion": "direct|canary"}}: 202 {@code {"runId","status":"running"}};
 * 409 {@code {"runId": <the running run>, "status": "running", "reason"}} when a run is in progress on any
 * replica, and 409 naming the run when one for the same {@code cutoff} already ran without failing (the same trigger
 * sent to two replicas); 401 for a missing or wrong token; 400 with the reason for a bad body.
 */
@Path("/admin/retrain")
public class AdminResource {

    private static final Set<String> KEYS = Set.of("cutoff", "promotion");
    /** A cutoff may lie this far ahead of the server clock (clock skew), no further. */
    private static final Duration SKEW = Duration.ofMinutes(5);

    private final RetrainCoordinator coordinator;
    private final RetrainConfig config;

    public AdminResource(RetrainCoordinator coordinator, RetrainConfig config) {
        this.coordinator = coordinator;
        this.config = config;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response retrain(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        Response denied = AdminAuth.deny(authorization, config.adminToken());
        if (denied != null) {
            return denied;
        }
        Instant now = Instant.now();
        Instant cutoff = now;
        PromotionMode promotion = PromotionMode.parse(config.promotion());
        if (body != null && !body.isBlank()) {
            Map<String, Object> request;
            try {
                request = RetrainJson.readObject(body);
            } catch (IOException e) {
                return Problems.of(Response.Status.BAD_REQUEST, "body must be a JSON object: " + e.getMessage());
            }
            for (String key : request.keySet()) {
                if (!KEYS.contains(key)) {
                    return Problems.of(Response.Status.BAD_REQUEST, "unknown field " + key + " (known: cutoff, promotion)");
                }
            }
            if (request.get("cutoff") != null) {
                try {
                    cutoff = Instant.parse(String.valueOf(request.get("cutoff")));
                } catch (DateTimeParseException e) {
                    return Problems.of(Response.Status.BAD_REQUEST,
                            "cutoff must be an ISO-8601 instant such as 2025-10-17T00:00:00Z, got " + request.get("cutoff"));
                }
                if (cutoff.isAfter(now.plus(SKEW))) {
                    return Problems.of(Response.Status.BAD_REQUEST, "cutoff " + cutoff + " is in the future");
                }
            }
            if (request.get("promotion") != null) {
                try {
                    promotion = PromotionMode.parse(String.valueOf(request.get("promotion")));
                } catch (IllegalArgumentException e) {
                    return Problems.of(Response.Status.BAD_REQUEST, e.getMessage());
                }
            }
        }
        TriggerResult result = coordinator.trigger(cutoff, promotion, "api");
        if (!result.started()) {
            return org.movierec.platform.http.Problems.response(Problem.of(Response.Status.CONFLICT.getStatusCode(),
                    "retrain run " + result.runId() + " " + result.reason()).with("runId", result.runId()));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("runId", result.runId());
        answer.put("status", "running");
        return Response.accepted(answer).type(MediaType.APPLICATION_JSON).build();
    }
}
