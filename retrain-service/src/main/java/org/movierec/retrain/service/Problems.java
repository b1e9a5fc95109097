package org.movierec.retrain.service;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Error answers: the status with {@code {"reason": "..."}}. */
final class Problems {

    private Problems() {
    }

    static Response of(Response.Status status, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
