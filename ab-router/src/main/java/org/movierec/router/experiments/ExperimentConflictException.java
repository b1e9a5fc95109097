package org.movierec.router.experiments;

/** A change that conflicts with the current state (another experiment running, a concurrent change): 409. */
public class ExperimentConflictException extends RuntimeException {

    public ExperimentConflictException(String message) {
        super(message);
    }
}
