package org.movierec.router.routing;

import org.movierec.router.fallback.FallbackReason;

/** Why an upstream call gave no usable answer; {@link #status()} is what the served event records. */
public final class UpstreamFailure extends RuntimeException {

    private final FallbackReason reason;
    private final int upstreamStatus;
    private final int instance;

    public UpstreamFailure(FallbackReason reason, String message) {
        this(reason, message, 0);
    }

    /** A failure on an upstream answer with {@code upstreamStatus} (0 when there was no answer). */
    public UpstreamFailure(FallbackReason reason, String message, int upstreamStatus) {
        this(reason, message, upstreamStatus, -1);
    }

    private UpstreamFailure(FallbackReason reason, String message, int upstreamStatus, int instance) {
        super(message, null, false, false);
        this.reason = reason;
        this.upstreamStatus = upstreamStatus;
        this.instance = instance;
    }

    /** This failure, as it happened on inference instance {@code index} ({@link InferenceInstances.Instance#index()}). */
    public UpstreamFailure at(int index) {
        return new UpstreamFailure(reason, getMessage(), upstreamStatus, index);
    }

    /** The inference instance the call failed on (its index in {@code router.inference-url}), -1 when unknown. */
    public int instance() {
        return instance;
    }

    /**
     * Whether the call never reached an answer because the instance could not be reached (refused, reset or closed
     * connection), so the same GET may go to another instance at once: a timeout is not, it has already spent the
     * call's time.
     */
    public boolean unreachable() {
        return reason == FallbackReason.CONNECTION;
    }

    /** The reason, as counted. */
    public FallbackReason reason() {
        return reason;
    }

    /**
     * 504 for a timeout; the upstream's own 4xx when it rejected the call (404: the arm's version is not loaded
     * yet, as right after an experiment starts, which is not the arm's failure and not counted as an error);
     * 502 otherwise (the gateway statuses a proxy reports).
     */
    public int status() {
        if (reason == FallbackReason.TIMEOUT) {
            return 504;
        }
        return reason == FallbackReason.UPSTREAM_REJECTED && upstreamStatus >= 400 && upstreamStatus < 500
                ? upstreamStatus : 502;
    }
}
