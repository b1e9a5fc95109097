package org.movierec.router.report;

/** The telemetry database could not be read: 503. */
public class TelemetryUnavailableException extends RuntimeException {

    public TelemetryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
