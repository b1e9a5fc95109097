package org.movierec.core.ids;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Request ids for served events: random (version 4) UUIDs, drawn without SecureRandom (slow and shared by all threads).
 * A client may send its own ({@code X-Request-Id}); {@link #orNew(String)} keeps it only when it is a short token.
 */
public final class RequestIds {

    /** The longest client request id kept. */
    public static final int MAX_LENGTH = 128;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

    private RequestIds() {
    }

    /**
     * {@code given} when it is a valid request id (1 to {@value #MAX_LENGTH} characters of {@code A-Z a-z 0-9 . _ -}),
     * else a new one: an id is echoed in headers and stored in events, so arbitrary text (any length, control
     * characters) is replaced rather than passed on, and the request is still served.
     */
    public static String orNew(String given) {
        return given != null && VALID.matcher(given).matches() ? given : newId();
    }

    /** A new random request id. */
    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
