package org.movierec.registry.release;

import java.io.IOException;

/**
 * The release API answered an error: {@link #status()} is its HTTP status (404 unknown version, 409 a version
 * that may not be released, 401 a wrong token, 5xx trouble on its side) and the message its
 * {@code application/problem+json} {@code detail}.
 */
public final class ReleaseRefusedException extends IOException {

    private final int status;

    /**
     * @param status the HTTP status of the answer
     * @param detail what the release API said
     */
    public ReleaseRefusedException(int status, String detail) {
        super("retrain-service answered HTTP " + status + ": " + detail);
        this.status = status;
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }
}
