package org.movierec.simulator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.movierec.platform.http.AdminAuth;
import org.movierec.simulator.SimulatorConfig;
import org.movierec.simulator.bootstrap.BootstrapService;
import org.movierec.simulator.movielog.MovielogWriter;
import org.movierec.simulator.traffic.TrafficGenerator;
import org.movierec.simulator.traffic.TrafficStats;

/**
 * Control of the simulator. {@code POST /admin/bootstrap} and {@code POST /admin/traffic} need
 * {@code Authorization: Bearer $SIMULATOR_ADMIN_TOKEN} (401 without or with a wrong one, 503 when no
 * token is configured); {@code GET /admin/status} is open.
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private static final String TRAFFIC_BODY = "body must be a JSON object like {\"enabled\":true,\"sessionsPerSecond\":20}";

    @Inject
    SimulatorConfig config;

    @Inject
    BootstrapService bootstrap;

    @Inject
    TrafficGenerator traffic;

    @Inject
    MovielogWriter writer;

    @Inject
    ObjectMapper json;

    /** Writes the bootstrap history if not done yet (synchronously); answers the recorded figures. */
    @POST
    @Path("/bootstrap")
    public Response bootstrap(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Response denied = deny(authorization);
        if (denied != null) {
            return denied;
        }
        try {
            bootstrap.run();
        } catch (IllegalStateException e) {
            return Errors.of(Response.Status.SERVICE_UNAVAILABLE, "bootstrap failed: " + e.getMessage());
        }
        return Response.ok(bootstrap.status()).build();
    }

    /** Switches traffic and/or sets its rate: {@code {"enabled":true,"sessionsPerSecond":20}} (either field may be left out). */
    @POST
    @Path("/traffic")
    @Consumes(MediaType.WILDCARD)
    public Response traffic(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        Response denied = deny(authorization);
        if (denied != null) {
            return denied;
        }
        JsonNode change;
        try {
            change = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            return Errors.badRequest(TRAFFIC_BODY + ": " + e.getOriginalMessage());
        }
        if (change == null || !change.isObject()) {
            return Errors.badRequest(TRAFFIC_BODY + ": got " + (change == null || change.isMissingNode() ? "nothing"
                    : change.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        for (Iterator<String> fields = change.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!field.equals("enabled") && !field.equals("sessionsPerSecond")) {
                return Errors.badRequest("unknown field \"" + field + "\" (known: enabled, sessionsPerSecond)");
            }
        }
        if (change.isEmpty()) {
            return Errors.badRequest("give \"enabled\" and/or \"sessionsPerSecond\"");
        }
        JsonNode enabled = change.get("enabled");
        if (enabled != null && !enabled.isBoolean()) {
            return Errors.badRequest("\"enabled\" must be true or false");
        }
        JsonNode rate = change.get("sessionsPerSecond");
        Double sessionsPerSecond = null;
        if (rate != null) {
            if (!rate.isNumber() || !(rate.doubleValue() > 0 && rate.doubleValue() <= TrafficGenerator.MAX_RATE)) {
                return Errors.badRequest("\"sessionsPerSecond\" must be a number in (0, " + (long) TrafficGenerator.MAX_RATE
                        + "], got " + rate);
            }
            sessionsPerSecond = rate.doubleValue();
        }
        traffic.set(enabled == null ? null : enabled.booleanValue(), sessionsPerSecond);
        return Response.ok(trafficStatus()).build();
    }

    /** Bootstrap and traffic state and counts. */
    @GET
    @Path("/status")
    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bootstrap", bootstrap.status());
        m.put("traffic", trafficStatus());
        return m;
    }

    private Map<String, Object> trafficStatus() {
        TrafficStats s = traffic.stats();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", traffic.enabled());
        m.put("sessionsPerSecond", traffic.sessionsPerSecond());
        m.put("sessions", s.sessions());
        m.put("requests", s.requests());
        m.put("failedRequests", s.failedRequests());
        m.put("watches", s.watches());
        m.put("ratings", s.ratings());
        m.put("skippedSessions", s.skippedSessions());
        m.put("linesWritten", writer.linesWritten());
        return m;
    }

    private Response deny(String authorization) {
        return AdminAuth.deny(authorization, config.adminToken());
    }
}
