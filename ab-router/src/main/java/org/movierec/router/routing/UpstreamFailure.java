package org.movierec.router.routing;

import org.movierec.router.fallback.FallbackReason;

/** Why an upstream call gave no usable answer; {@link #status()} is what the served event records. */
public final class UpstreamFailure extends RuntimeException {

    private final FallbackReason reason;

    public UpstreamFailure(FallbackReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** The reason, as counted. */
    public FallbackReason reason() {
        return reason;
    }

    /** 504 for a timeout, 502 otherwise (the gateway statuses a proxy reports). */
    public int status() {
        return reason == FallbackReason.TIMEOUT ? 504 : 502;
    }
}
