package org.movierec.platform.http;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.movierec.platform.auth.BearerToken;

/**
 * The one admin-token check of every service: {@code Authorization: Bearer <token>} against the service's own token
 * (from its environment, e.g. {@code RETRAIN_ADMIN_TOKEN}), compared in constant time ({@link BearerToken}). A missing
 * or wrong token is a 401 {@link Problem} with {@code WWW-Authenticate: Bearer}; a service without a configured
 * token answers 503, since no caller could ever be let in.
 */
public final class AdminAuth {

    private AdminAuth() {
    }

    /** The answer refusing the caller, or null when {@code authorization} carries {@code expected}. */
    public static Response deny(String authorization, Optional<String> expected) {
        String token = expected.filter(t -> !t.isBlank()).orElse(null);
        String problem = BearerToken.problem(authorization, token);
        if (problem == null) {
            return null;
        }
        if (token == null) {
            return Problems.of(Response.Status.SERVICE_UNAVAILABLE, problem);
        }
        return Response.fromResponse(Problems.of(Response.Status.UNAUTHORIZED, problem))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
