package org.movierec.cli.tune;

/** Told after each trial of a hyperparameter search finishes; for progress output. Called on the search's thread. */
@FunctionalInterface
public interface TrialListener {

    TrialListener NONE = (trial, finished, total) -> { };

    /**
     * @param trial    the finished trial
     * @param finished how many trials have finished, this one included
     * @param total    how many trials the search runs
     */
    void trialDone(Trial trial, int finished, int total);
}
