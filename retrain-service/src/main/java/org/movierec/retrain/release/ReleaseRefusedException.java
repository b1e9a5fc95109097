package org.movierec.retrain.release;

/**
 * A release that the rules refuse (answered 409): the version is rejected, was never in production (for a
 * rollback), was in production before (for a promote: roll back to it instead), cannot be loaded, or there is
 * nothing to roll back to. Production is unchanged.
 */
public final class ReleaseRefusedException extends RuntimeException {

    /** @param detail what is wrong, for the caller */
    public ReleaseRefusedException(String detail) {
        super(detail);
    }
}
