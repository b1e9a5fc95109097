package org.movierec.registry;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Model version ids: {@code yyyyMMdd-HHmmss-<first 8 hex of the artifact md5>}, the registration time in
 * UTC, for example {@code 20261125-121314-ab12cd34}. Ids sort by time as strings, tell a reader when
 * and what at a glance, and are safe in URLs, file names, metric tags and HTTP headers.
 *
 * <p>Two registrations of the same bytes within the same second would get the same id; the registry
 * then appends {@code -2}, {@code -3}, ... ({@link #withSuffix}).
 */
public final class VersionIds {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private VersionIds() {
    }

    /**
     * The id of an artifact with {@code md5} registered at {@code createdAt}.
     *
     * @throws IllegalArgumentException if {@code md5} is not 32 lower-case hex digits
     */
    public static String of(Instant createdAt, String md5) {
        Objects.requireNonNull(createdAt, "createdAt");
        if (!ArtifactDigest.isMd5Hex(md5)) {
            throw new IllegalArgumentException("not a lower-case hex md5: " + md5);
        }
        return TIME.format(createdAt) + "-" + md5.substring(0, 8);
    }

    /** The {@code n}-th id for the same second and bytes, {@code n >= 2}: {@code base-n}. */
    public static String withSuffix(String base, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("suffix must be >= 2: " + n);
        }
        return base + "-" + n;
    }
}
