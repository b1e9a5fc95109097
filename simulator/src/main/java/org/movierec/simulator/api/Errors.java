package org.movierec.simulator.api;

import jakarta.ws.rs.core.Response;
import org.movierec.platform.http.Problems;

/** Error answers of every endpoint: {@code application/problem+json} (RFC 9457), the platform's one error format. */
final class Errors {

    private Errors() {
    }

    static Response of(Response.Status status, String detail) {
        return Problems.of(status, detail);
    }

    static Response badRequest(String detail) {
        return of(Response.Status.BAD_REQUEST, detail);
    }

    static Response notFound(String detail) {
        return of(Response.Status.NOT_FOUND, detail);
    }
}
