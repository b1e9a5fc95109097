package org.movierec.simulator.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Error answers of every endpoint: the status and {@code {"error":"<reason>"}}. */
final class Errors {

    private Errors() {
    }

    static Response of(Response.Status status, String reason) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", reason)).build();
    }

    static Response badRequest(String reason) {
        return of(Response.Status.BAD_REQUEST, reason);
    }

    static Response notFound(String reason) {
        return of(Response.Status.NOT_FOUND, reason);
    }
}
