package org.movierec.router.experiments;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the release of a canary that passed stands, stored with its experiment ({@code canary.release}). The
 * canary's candidate reaches production only through retrain-service's release API; until that succeeded the
 * experiment keeps running (at its last weights) in one of these states, visible in {@code GET /experiments/{id}}.
 *
 * @param state         {@value #PROMOTING} (a call to retrain-service is under way or was interrupted),
 *                      {@value #PROMOTE_FAILED} (the last call failed; retried at {@code nextAttemptAt}) or
 *                      {@value #PROMOTED} (done; the experiment is completed)
 * @param reason        why the canary passed (the policy's reason), sent as the release's reason
 * @param attempts      calls made so far
 * @param lastError     what the last failed call answered, or {@code null}
 * @param nextAttemptAt when the next call is due
 */
public record CanaryRelease(String state, String reason, int attempts, String lastError, Instant nextAttemptAt) {

    /** A call to the release API is under way (or its replica stopped during it: it is made again). */
    public static final String PROMOTING = "promoting";
    /** The last call failed; it is retried with backoff, and the canary is aborted after the last attempt. */
    public static final String PROMOTE_FAILED = "promote_failed";
    /** Released; the experiment is completed. */
    public static final String PROMOTED = "promoted";

    /** Checks the fields. */
    public CanaryRelease {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    }

    /** The state of a call about to be made, the {@code attempts} before it unchanged. */
    public CanaryRelease calling(Instant now) {
        return new CanaryRelease(PROMOTING, reason, attempts, lastError, now);
    }

    /** The state after a failed call: one more attempt, retried at {@code retryAt}. */
    public CanaryRelease failed(String error, Instant retryAt) {
        return new CanaryRelease(PROMOTE_FAILED, reason, attempts + 1, error, retryAt);
    }

    /** The state after the call succeeded. */
    public CanaryRelease promoted(Instant now) {
        return new CanaryRelease(PROMOTED, reason, attempts + 1, lastError, now);
    }

    /** The state as the admin API shows it. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", state);
        m.put("reason", reason);
        m.put("attempts", attempts);
        m.put("lastError", lastError);
        m.put("nextAttemptAt", nextAttemptAt.toString());
        return m;
    }
}
