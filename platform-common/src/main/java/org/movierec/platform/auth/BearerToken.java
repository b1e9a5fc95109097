package org.movierec.platform.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Checks an HTTP {@code Authorization: Bearer <token>} header against the configured admin token,
 * in constant time. Every service's admin endpoints use it.
 */
public final class BearerToken {

    private BearerToken() {
    }

    /** What is wrong with {@code authorization}, or null when it carries {@code expected}. */
    public static String problem(String authorization, String expected) {
        if (expected == null || expected.isBlank()) {
            return "no admin token is configured on this service";
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "missing bearer token";
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.UTF_8))) {
            return "wrong bearer token";
        }
        return null;
    }

    /**
     * Which token {@code authorization} carries, safe to record: the first 8 hex digits of the SHA-256 of the token
     * (never the token itself), so an audit trail tells the admin tokens apart without holding any of them.
     */
    public static String fingerprint(String authorization) {
        String token = authorization == null || authorization.length() < 7 ? "" : authorization.substring(7).trim();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
