package org.movierec.core.ids;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Request ids for served events: random (version 4) UUIDs, drawn without SecureRandom (slow and shared by all threads). */
public final class RequestIds {

    private RequestIds() {
    }

    /** A new random request id. */
    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
