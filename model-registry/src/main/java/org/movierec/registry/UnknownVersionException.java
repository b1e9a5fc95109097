package org.movierec.registry;

/** Thrown when a model version is not in the registry. */
public class UnknownVersionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String version;

    public UnknownVersionException(String version) {
        super("unknown model version '" + version + "'");
        this.version = version;
    }

    /** The version that was asked for. */
    public String version() {
        return version;
    }
}
