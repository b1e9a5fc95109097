package org.movierec.retrain.service;

import jakarta.ws.rs.core.Response;

/** Error answers: {@code application/problem+json} (RFC 9457), the platform's one error format. */
final class Problems {

    private Problems() {
    }

    static Response of(Response.Status status, String detail) {
        return org.movierec.platform.http.Problems.of(status, detail);
    }
}
