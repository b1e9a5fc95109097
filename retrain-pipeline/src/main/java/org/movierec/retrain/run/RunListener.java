package org.movierec.retrain.run;

/**
 * Hears a run's progress (the service keeps its run record with it). A listener that throws from
 * {@link #stageStarted} fails the run at that stage, exactly as a failure of the stage itself would.
 */
public interface RunListener {

    /** A listener that does nothing. */
    RunListener NONE = new RunListener() {
    };

    /** {@code stage} is about to run. */
    default void stageStarted(String runId, Stage stage) {
    }

    /** {@code stage} finished after {@code seconds}. */
    default void stageFinished(String runId, Stage stage, double seconds) {
    }
}
