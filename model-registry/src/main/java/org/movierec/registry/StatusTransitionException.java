package org.movierec.registry;

/**
 * Thrown when a version's status does not allow what was asked: promoting a rejected version, rejecting
 * or archiving the production version, archiving a rejected one. Nothing has been changed then. The
 * message gives the reason.
 */
public class StatusTransitionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String version;
    private final ModelStatus status;

    public StatusTransitionException(String action, String version, ModelStatus status, String reason) {
        super("cannot " + action + " version " + version + ": it is " + status.wireName()
                + (reason == null ? "" : " (" + reason + ")"));
        this.version = version;
        this.status = status;
    }

    /** The version the action was refused for. */
    public String version() {
        return version;
    }

    /** The version's status, which refused the action. */
    public ModelStatus status() {
        return status;
    }
}
