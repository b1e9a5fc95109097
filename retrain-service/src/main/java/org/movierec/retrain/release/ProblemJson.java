package org.movierec.retrain.release;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Error answers of the release API as {@code application/problem+json} (RFC 9457): {@code type}
 * ({@code about:blank}: the status says what kind of problem it is), {@code title} (the status's reason
 * phrase), {@code status} and {@code detail}. Kept local until the platform's shared representation lands.
 */
final class ProblemJson {

    /** The media type of RFC 9457 problem details. */
    static final String MEDIA_TYPE = "application/problem+json";

    private ProblemJson() {
    }

    static Response of(Response.Status status, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.getStatusCode());
        body.put("detail", detail);
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }
}
