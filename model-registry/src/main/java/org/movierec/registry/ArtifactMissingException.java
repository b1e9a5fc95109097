package org.movierec.registry;

import java.io.IOException;

/**
 * Thrown when a registered version's artifact is not in GridFS. The registry never makes a version
 * visible before its artifact is stored, so this means the artifact was deleted behind its back.
 */
public class ArtifactMissingException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String version;

    public ArtifactMissingException(String version, ArtifactDigest digest, String bucket) {
        super("artifact of version " + version + " (md5 " + digest.md5() + ", " + digest.size()
                + " bytes) is missing from GridFS bucket '" + bucket + "'");
        this.version = version;
    }

    /** The version whose artifact is missing. */
    public String version() {
        return version;
    }
}
