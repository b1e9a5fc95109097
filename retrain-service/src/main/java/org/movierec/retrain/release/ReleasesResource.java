package org.movierec.retrain.release;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.movierec.registry.UnknownVersionException;
import org.movierec.retrain.RetrainJson;
import org.movierec.retrain.service.RetrainConfig;
import org.movierec.platform.http.AdminAuth;
import org.movierec.platform.http.Problems;

/**
 * The release API, every call with {@code Authorization: Bearer $RETRAIN_ADMIN_TOKEN} and an optional
 * {@code X-Requested-By} naming the caller (1 to 64 of letters, digits, {@code . _ - @ :}; recorded with the
 * credential that authenticated it):
 * <ul>
 * <li>{@code POST /models/{version}/promote}, body {@code {"reason": "...", "experimentId": "..."}} (reason
 *     required, experimentId optional): 200 with the {@link Release};</li>
 * <li>{@code POST /models/rollback}, optional body {@code {"version": "...", "reason": "..."}}: back to the
 *     named version, or to the previous production version; 200 with the {@link Release};</li>
 * <li>{@code GET /models?limit=50}: {@code {"production": "<version>", "releases": [newest first]}}.</li>
 * </ul>
 * Errors are {@code application/problem+json}: 400 bad body or header, 401 missing or wrong token, 404 unknown
 * version, 409 a release the rules refuse (see {@link ReleaseService}), 503 no token configured.
 */
@Path("/models")
@Produces(MediaType.APPLICATION_JSON)
public class ReleasesResource {

    /** The credential recorded for callers of this API. */
    static final String CREDENTIAL = "retrain-admin-token";
    private static final Pattern REQUESTED_BY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final int MAX_REASON = 1000;
    private static final int MAX_BODY = 16 * 1024;

    private final ReleaseService releases;
    private final RetrainConfig config;

    public ReleasesResource(ReleaseService releases, RetrainConfig config) {
        this.releases = releases;
        this.config = config;
    }

    @POST
    @Path("/{version}/promote")
    public Response promote(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @HeaderParam("X-Requested-By") String requestedBy, @PathParam("version") String version,
                            String body) {
        return guarded(authorization, requestedBy, body, Set.of("reason", "experimentId"), (caller, request) -> {
            if (!VERSION.matcher(version).matches()) {
                return Problems.of(Response.Status.BAD_REQUEST, "not a version id: " + abbreviated(version));
            }
            Optional<String> reason = text(request, "reason");
            if (reason.isEmpty()) {
                return Problems.of(Response.Status.BAD_REQUEST, "'reason' is required: say why this version is released");
            }
            Optional<String> experimentId = text(request, "experimentId");
            return Response.ok(releases.promote(version, reason.get(), caller, experimentId.orElse(null)).toJson()).build();
        });
    }

    @POST
    @Path("/rollback")
    public Response rollback(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @HeaderParam("X-Requested-By") String requestedBy, String body) {
        return guarded(authorization, requestedBy, body, Set.of("version", "reason"), (caller, request) -> {
            Optional<String> version = text(request, "version");
            if (version.isPresent() && !VERSION.matcher(version.get()).matches()) {
                return Problems.of(Response.Status.BAD_REQUEST, "not a version id: " + abbreviated(version.get()));
            }
            String reason = text(request, "reason").orElse("rollback");
            return Response.ok(releases.rollback(version, reason, caller).toJson()).build();
        });
    }

    @GET
    public Response history(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @QueryParam("limit") @DefaultValue("50") String limit) {
        Response refused = unauthorized(authorization);
        if (refused != null) {
            return refused;
        }
        int n;
        try {
            n = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > 500) {
            return Problems.of(Response.Status.BAD_REQUEST, "limit must be a whole number in 1..500, got " + abbreviated(limit));
        }
        List<Map<String, Object>> history = releases.history(n).stream().map(Release::toJson).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("production", releases.productionVersion().orElse(null));
        answer.put("releases", history);
        return Response.ok(answer).build();
    }

    /** What a write does once the caller and the body are checked. */
    @FunctionalInterface
    private interface Action {
        Response apply(ReleaseService.Caller caller, Map<String, Object> request);
    }

    /** Checks the token, the caller's name and the body, runs {@code action}, and maps the service's refusals. */
    private Response guarded(String authorization, String requestedBy, String body, Set<String> keys, Action action) {
        Response refused = unauthorized(authorization);
        if (refused != null) {
            return refused;
        }
        String name = requestedBy == null ? "unnamed" : requestedBy;
        if (requestedBy != null && !REQUESTED_BY.matcher(requestedBy).matches()) {
            return Problems.of(Response.Status.BAD_REQUEST, "X-Requested-By must be 1 to 64 of letters, digits and"
                    + " . _ - @ : (starting with a letter or digit)");
        }
        Map<String, Object> request = Map.of();
        if (body != null && !body.isBlank()) {
            if (body.length() > MAX_BODY) {
                return Problems.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "the body may have at most " + MAX_BODY + " characters");
            }
            try {
                request = RetrainJson.readObject(body);
            } catch (IOException e) {
                return Problems.of(Response.Status.BAD_REQUEST, "body must be a JSON object: " + e.getMessage());
            }
            for (Map.Entry<String, Object> entry : request.entrySet()) {
                if (!keys.contains(entry.getKey())) {
                    return Problems.of(Response.Status.BAD_REQUEST, "unknown field '" + abbreviated(entry.getKey())
                            + "' (known: " + String.join(", ", keys.stream().sorted().toList()) + ")");
                }
                Object value = entry.getValue();
                if (value != null && !(value instanceof String)) {
                    return Problems.of(Response.Status.BAD_REQUEST, "'" + entry.getKey() + "' must be a string");
                }
                if (value != null && ((String) value).length() > MAX_REASON) {
                    return Problems.of(Response.Status.BAD_REQUEST, "'" + entry.getKey() + "' may have at most "
                            + MAX_REASON + " characters");
                }
            }
        }
        try {
            return action.apply(new ReleaseService.Caller(name, CREDENTIAL), request);
        } catch (UnknownVersionException e) {
            return Problems.of(Response.Status.NOT_FOUND, e.getMessage());
        } catch (ReleaseRefusedException e) {
            return Problems.of(Response.Status.CONFLICT, e.getMessage());
        }
    }

    private Response unauthorized(String authorization) {
        return AdminAuth.deny(authorization, config.adminToken());
    }

    private static Optional<String> text(Map<String, Object> request, String key) {
        return Optional.ofNullable((String) request.get(key)).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static String abbreviated(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
