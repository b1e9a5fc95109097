package org.movierec.retrain.release;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One switch of the production pointer, as the release history keeps it.
 *
 * @param kind         {@code promote} (a version released forward) or {@code rollback} (back to a version that
 *                     was in production before)
 * @param version      the version now in production
 * @param previous     the version in production just before, or {@code null} for the first release
 * @param at           when the pointer was switched
 * @param requestedBy  who asked, from a validated {@code X-Requested-By} (or the run that released it)
 * @param credential   how the caller was authenticated: {@code retrain-admin-token} for the HTTP API,
 *                     {@code in-process} for the service's own retrain runs
 * @param reason       why, as given
 * @param experimentId the canary experiment that decided the release, or {@code null}
 */
public record Release(String kind, String version, String previous, Instant at, String requestedBy, String credential,
                      String reason, String experimentId) {

    /** {@link #kind()} of a release forward. */
    public static final String PROMOTE = "promote";
    /** {@link #kind()} of a return to an earlier production version. */
    public static final String ROLLBACK = "rollback";

    /** Checks the required fields. */
    public Release {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(reason, "reason");
    }

    /** The release as JSON, in field order, the time as ISO-8601. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("version", version);
        m.put("previous", previous);
        m.put("at", at.toString());
        m.put("requestedBy", requestedBy);
        m.put("credential", credential);
        m.put("reason", reason);
        m.put("experimentId", experimentId);
        return m;
    }
}
