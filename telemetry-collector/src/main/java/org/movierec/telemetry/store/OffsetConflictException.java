package org.movierec.telemetry.store;

/** A stored Kafka position was not the one the collector expected: another instance moved it. */
public class OffsetConflictException extends RuntimeException {
    public OffsetConflictException(String message) {
        super(message);
    }
}
