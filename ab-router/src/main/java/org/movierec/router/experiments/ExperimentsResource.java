package org.movierec.router.experiments;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.movierec.platform.auth.BearerToken;
import org.movierec.platform.http.AdminAuth;
import org.movierec.router.RouterConfig;
import org.movierec.router.RouterJson;
import org.movierec.router.canary.CanaryController;
import org.movierec.router.report.ExperimentReport;
import org.movierec.router.report.ReportFormat;
import org.movierec.router.report.LookRecorder;
import org.movierec.router.report.ReportService;
import org.movierec.router.report.html.ReportHtml;
import org.movierec.router.report.html.ReportTemplates;

/**
 * The experiments admin API. Reads are open; changes need {@code Authorization: Bearer
 * $ROUTER_ADMIN_TOKEN} and are audited with the caller named by {@code X-Requested-By} (else
 * {@code admin}). Errors answer {@code application/problem+json} (RFC 9457: {@code type}, {@code title},
 * {@code status}, {@code detail}, and for an invalid change {@code problems}, at most 20, with {@code moreProblems}
 * counting the rest): 400 invalid change (the previous configuration stays), 401 bad token, 404 unknown experiment,
 * 409 conflict, 413 body over {@code quarkus.http.limits.max-body-size}, 503 dependency down.
 */
@Path("/experiments")
public class ExperimentsResource {

    private static final String REQUESTED_BY = "X-Requested-By";
    static final int MAX_REQUESTED_BY = 100;

    /** The HTML report may use its inline styles and nothing else. */
    static final String REPORT_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    @Inject
    ExperimentService service;

    @Inject
    ExperimentStore store;

    @Inject
    CanaryController canary;

    @Inject
    ReportService reports;

    @Inject
    LookRecorder looks;

    @Inject
    RouterConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        List<Object> all = new ArrayList<>();
        for (Experiment e : store.list()) {
            all.add(ExperimentDocuments.toJson(e));
        }
        return json(Response.Status.OK, all);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id) {
        return json(Response.Status.OK, ExperimentDocuments.toJson(service.get(id)));
    }

    @GET
    @Path("/{id}/audit")
    @Produces(MediaType.APPLICATION_JSON)
    public Response audit(@PathParam("id") String id) {
        service.get(id);
        List<AuditEntry> trail = new ArrayList<>();
        store.auditTrail(id).forEach(d -> trail.add(new AuditEntry(d.getString("action"), d.getString("who"),
                d.getDate("at").toInstant().toString())));
        return json(Response.Status.OK, trail);
    }

    @GET
    @Path("/{id}/report")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response report(@PathParam("id") String id, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        ExperimentReport report = reports.report(service.get(id));
        if (accept != null && accept.contains("text/csv")) {
            return Response.ok(ReportFormat.toCsv(report), "text/csv; charset=utf-8").build();
        }
        return json(Response.Status.OK, ReportFormat.toJson(report));
    }

    /**
     * The report as a self-contained HTML page with its charts drawn server-side as inline SVG (no script,
     * no external stylesheet, image or font, so it works offline and can be saved or mailed as one file).
     * It is the same {@link ReportService#report} as the JSON answer (reading it records no look), plus the
     * time-bucketed telemetry and the stored looks its charts need. The Content-Security-Policy allows nothing but
     * inline styles: a stray external reference would be blocked rather than fetched. {@code no-store}: the data
     * changes from one view to the next.
     */
    @GET
    @Path("/{id}/report.html")
    @Produces(MediaType.TEXT_HTML)
    public Response reportPage(@PathParam("id") String id) {
        String html = ReportTemplates.page(ReportHtml.view(reports.page(service.get(id)))).render();
        return Response.ok(html, "text/html; charset=utf-8")
                .header("Content-Security-Policy", REPORT_PAGE_POLICY)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(REQUESTED_BY) String requestedBy) {
        return change(authorization, Response.Status.CREATED, () -> service.create(body, who(requestedBy, authorization)));
    }

    @POST
    @Path("/canary")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response createCanary(String body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                 @HeaderParam(REQUESTED_BY) String requestedBy) {
        return change(authorization, Response.Status.CREATED, () -> service.createCanary(body, who(requestedBy, authorization)));
    }

    @PUT
    @Path("/{id}/weights")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response weights(@PathParam("id") String id, String body,
                            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @HeaderParam(REQUESTED_BY) String requestedBy) {
        return change(authorization, Response.Status.OK, () -> service.changeWeights(id, body, who(requestedBy, authorization)));
    }

    @PUT
    @Path("/{id}/overrides")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response overrides(@PathParam("id") String id, String body,
                              @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @HeaderParam(REQUESTED_BY) String requestedBy) {
        return change(authorization, Response.Status.OK, () -> service.changeOverrides(id, body, who(requestedBy, authorization)));
    }

    @POST
    @Path("/{id}/stop")
    @Produces(MediaType.APPLICATION_JSON)
    public Response stop(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(REQUESTED_BY) String requestedBy) {
        return change(authorization, Response.Status.OK, () -> {
            String who = who(requestedBy, authorization);
            lookAtDecision(service.get(id));
            return service.stop(id, who);
        });
    }

    /**
     * {@code POST /experiments/{id}/look}: records a look of the sequential tests now (a decision point: before a
     * ramp, a review) and answers the report after it. Looks are otherwise recorded on the router's schedule; a
     * look is a write, so it needs the admin token, and reading the report never looks.
     */
    @POST
    @Path("/{id}/look")
    @Produces(MediaType.APPLICATION_JSON)
    public Response look(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return admin(authorization, () -> {
            Experiment e = service.get(id);
            if (e.liveAt() == null) {
                throw new ExperimentConflictException("experiment " + id + " is not live yet: nothing to look at");
            }
            looks.look(e);
            return ReportFormat.toJson(reports.report(e));
        });
    }

    /** A decision ends the running experiment: its tests get a last look at the data it ran on. */
    private void lookAtDecision(Experiment e) {
        if (e.running() && e.liveAt() != null) {
            looks.look(e);
        }
    }

    @POST
    @Path("/{id}/canary/evaluate")
    @Produces(MediaType.APPLICATION_JSON)
    public Response evaluate(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return admin(authorization, () -> {
            CanaryController.Evaluation evaluation = canary.evaluate(id);
            return new EvaluationAnswer(evaluation.decision().action().name().toLowerCase(),
                    evaluation.decision().reason(), ExperimentDocuments.toJson(evaluation.experiment()));
        });
    }

    /** Checks the token ({@link AdminAuth}: 401, or 503 without a configured token), then answers 200 with {@code action}'s result. */
    private Response admin(String authorization, Supplier<Object> action) {
        Response denied = AdminAuth.deny(authorization, config.adminToken());
        return denied != null ? denied : json(Response.Status.OK, action.get());
    }

    /**
     * Checks the token ({@link AdminAuth}: 401, or 503 without a configured token), then applies {@code change} and
     * answers the changed experiment with {@code status}. The body is read only after the token is checked.
     */
    private Response change(String authorization, Response.Status status, Supplier<Experiment> change) {
        Response denied = AdminAuth.deny(authorization, config.adminToken());
        if (denied != null) {
            return denied;
        }
        return json(status, ExperimentDocuments.toJson(change.get()));
    }

    /**
     * Who made a change, as the audit records it: the caller's {@code X-Requested-By} (else {@code admin}) and the
     * fingerprint of the admin token used ({@link BearerToken#fingerprint}), e.g. {@code alice@example.com
     * [token 1a2b3c4d]}: the header is the caller's claim, the fingerprint what the router checked. A header over
     * {@value #MAX_REQUESTED_BY} characters or with characters outside printable ASCII is a 400 (nothing written).
     */
    private static String who(String requestedBy, String authorization) {
        String name = requestedBy == null || requestedBy.isBlank() ? "admin" : requestedBy.trim();
        if (name.length() > MAX_REQUESTED_BY || !name.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new InvalidChangeException(REQUESTED_BY + " must be at most " + MAX_REQUESTED_BY
                    + " printable ASCII characters");
        }
        return name + " [token " + BearerToken.fingerprint(authorization) + "]";
    }

    /**
     * One change in {@code GET /experiments/{id}/audit}.
     *
     * @param action what was done (create, weights, overrides, stop, canary-...)
     * @param who the caller's claim and the fingerprint of the admin token used
     * @param at when, ISO-8601
     */
    public record AuditEntry(String action, String who, String at) {
    }

    /**
     * The answer of {@code POST /experiments/{id}/canary/evaluate}.
     *
     * @param action the canary's decision: wait, widen, promote or abort
     * @param reason why, in words
     * @param experiment the experiment after the decision
     */
    public record EvaluationAnswer(String action, String reason, Map<String, Object> experiment) {
    }

    static Response json(Response.Status status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(RouterJson.write(body)).build();
    }
}
