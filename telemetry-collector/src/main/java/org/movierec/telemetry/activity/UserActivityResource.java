package org.movierec.telemetry.activity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.jboss.logging.Logger;
import org.movierec.core.ids.UserIds;
import org.movierec.platform.http.Problems;

/**
 * {@code GET /users/{userId}/activity?limit=N}: one user's watches, ratings, served lists and online predictions
 * from the telemetry tables, newest first, at most {@code limit} (1..500, default 100) of each. Read-only; the one
 * per-user view of the tables over HTTP (the viewer's app reads it for a person's history and analytics; the A/B
 * router's reports are per arm, not per user). A bad user id or limit is 400, the database unreachable 503, both
 * problem+json. Written with one Jackson mapper here: the collector has no other JSON endpoint.
 */
@Path("/users")
public class UserActivityResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    private static final Logger LOG = Logger.getLogger(UserActivityResource.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Inject
    UserActivityQueries queries;

    @GET
    @Path("/{userId}/activity")
    @Produces(MediaType.APPLICATION_JSON)
    public Response activity(@PathParam("userId") String userId, @QueryParam("limit") String limit) {
        String problem = UserIds.problem(userId);
        if (problem != null) {
            return Problems.of(Response.Status.BAD_REQUEST, problem);
        }
        int rows;
        try {
            rows = limit == null || limit.isEmpty() ? DEFAULT_LIMIT : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            return Problems.of(Response.Status.BAD_REQUEST, "limit must be an integer in 1.." + MAX_LIMIT);
        }
        if (rows < 1 || rows > MAX_LIMIT) {
            return Problems.of(Response.Status.BAD_REQUEST, "limit must be in 1.." + MAX_LIMIT + ", got " + rows);
        }
        try {
            return Response.ok(JSON.writeValueAsString(queries.of(UserIds.parse(userId), rows)),
                    MediaType.APPLICATION_JSON_TYPE).build();
        } catch (SQLException e) {
            LOG.warnf("activity of user %s: %s", userId, e.getMessage());
            return Problems.of(Response.Status.SERVICE_UNAVAILABLE, "telemetry database unavailable: " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the activity as JSON", e);
        }
    }
}
