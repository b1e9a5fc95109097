package org.movierec.platform.http;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds the JAX-RS answer of a {@link Problem}: its status, {@code Content-Type: application/problem+json}. */
public final class Problems {

    private Problems() {
    }

    /** The answer {@code status} with {@code detail}. */
    public static Response of(Response.Status status, String detail) {
        return response(Problem.of(status.getStatusCode(), detail));
    }

    /** The answer {@code status} with {@code detail} and the individual {@code problems} (capped). */
    public static Response of(Response.Status status, String detail, List<String> problems) {
        return response(Problem.of(status.getStatusCode(), detail, problems));
    }

    /** The answer of {@code problem}. */
    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.toJson()).build();
    }
}
