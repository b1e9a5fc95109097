package org.movierec.router.experiments;

/** A change without the admin token: 401, or 503 when the router has no token configured. */
public class NotAuthorizedException extends RuntimeException {

    private final boolean unconfigured;

    public NotAuthorizedException(String message, boolean unconfigured) {
        super(message);
        this.unconfigured = unconfigured;
    }

    /** Whether no admin token is configured at all (changes are impossible). */
    public boolean unconfigured() {
        return unconfigured;
    }
}
