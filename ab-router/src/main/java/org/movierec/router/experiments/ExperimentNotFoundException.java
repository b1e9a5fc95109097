package org.movierec.router.experiments;

/** No experiment with the id asked for: 404. */
public class ExperimentNotFoundException extends RuntimeException {

    public ExperimentNotFoundException(String id) {
        super("no experiment '" + id + "'");
    }
}
