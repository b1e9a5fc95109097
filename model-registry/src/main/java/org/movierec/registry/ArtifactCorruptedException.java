package org.movierec.registry;

import java.io.IOException;

/**
 * Thrown when the stored artifact of a version does not match the md5 and size recorded when it was
 * registered, or when its GridFS chunks cannot be read back (missing, wrong length). The message names
 * the version and what differs, for example {@code artifact of version 20261125-121314-ab12cd34: md5
 * mismatch, expected ab12cd34..., got 0f3e...}.
 *
 * <p>Like {@link org.movierec.core.model.ModelFormatException} it is an {@link IOException}: a caller that
 * keeps serving the previous version when a load fails handles it without special code.
 */
public class ArtifactCorruptedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String version;

    public ArtifactCorruptedException(String version, String problem) {
        super("artifact of version " + version + ": " + problem);
        this.version = version;
    }

    public ArtifactCorruptedException(String version, String problem, Throwable cause) {
        super("artifact of version " + version + ": " + problem, cause);
        this.version = version;
    }

    /** The version whose artifact is corrupted. */
    public String version() {
        return version;
    }
}
